// Keep a running total beside the percentage inputs, so nobody submits 95 %.
(function () {
  var form = document.getElementById("direct-form");
  var total = document.getElementById("direct-total");
  if (!form || !total) return;
  function update() {
    var sum = 0;
    form.querySelectorAll(".weight-input").forEach(function (input) { sum += parseFloat(input.value || "0"); });
    total.textContent = sum.toFixed(1) + " %";
    total.className = Math.abs(sum - 100) <= 0.05 ? "text-success" : "text-danger";
  }
  form.addEventListener("input", update);
  update();
})();
