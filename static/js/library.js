/* Library enhancements; everything works without this file. */
(function () {
  "use strict";
  // Model page: a print button (printing from the browser menu works without it).
  document.querySelectorAll(".print-link").forEach(function (link) {
    link.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
  // Listing: tell how many models are ticked for comparison.
  var form = document.getElementById("compare-form");
  if (form) {
    var boxes = document.querySelectorAll('input[name="models"][form="compare-form"]');
    var help = document.getElementById("compare-help");
    var original = help ? help.textContent : "";
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var n = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
        if (help) { help.textContent = original + " (" + n + ")"; }
      });
    });
  }
})();
