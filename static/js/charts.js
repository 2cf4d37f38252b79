// Draw every Plotly figure on the page: <div data-chart="ID"> with its JSON in
// <script type="application/json" id="ID">, as Django's json_script writes it.
(function () {
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var data = document.getElementById(element.dataset.chart);
      if (!data || element.dataset.drawn) return;
      var figure = JSON.parse(data.textContent);
      Plotly.newPlot(element, figure.data, figure.layout, {
        displaylogo: false,
        responsive: true,
        modeBarButtonsToRemove: ["lasso2d", "select2d"],
      });
      element.dataset.drawn = "1";
      // Points that carry a URL as their first custom value open it when clicked.
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata && point.customdata[0];
        if (typeof url === "string" && url.charAt(0) === "/") window.location.href = url;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
