// PNG export of the explorer's charts: draw the chart's SVG on a canvas and download it.
// Without JavaScript the buttons stay hidden and the SVG download link remains.
(function () {
  "use strict";

  function download(url, name) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function exportPng(svg) {
    var markup = new XMLSerializer().serializeToString(svg);
    var box = svg.viewBox.baseVal;
    var scale = 2;
    var image = new Image();
    // The CSP allows data: images (not blob:), so the SVG goes in as a data URL.
    var source = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(markup);
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = box.width * scale;
      canvas.height = box.height * scale;
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      download(canvas.toDataURL("image/png"), svg.id + ".png");
    };
    image.src = source;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button.png-export").forEach(function (button) {
      var svg = document.getElementById(button.dataset.chart);
      if (!svg) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { exportPng(svg); });
    });
  });
})();
