// Small form behaviours, as listeners in a static file rather than on…="…" attributes,
// which the Content Security Policy forbids.

// Ask before a destructive form is sent: <form data-confirm="Remove this record?">.
document.addEventListener("submit", function (event) {
  var message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Select a field's whole text when it gets focus (a secret to copy): <input data-select-on-focus>.
document.addEventListener("focusin", function (event) {
  if (event.target.dataset && "selectOnFocus" in event.target.dataset) event.target.select();
});
