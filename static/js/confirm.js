// Ask before a destructive form is sent: <form data-confirm="Remove this record?">.
// A listener in a static file rather than onsubmit="…", which the CSP forbids.
document.addEventListener("submit", function (event) {
  var message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
