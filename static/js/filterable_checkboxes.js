// Filter box for long checkbox lists (core/widgets.py FilterableCheckboxes). Progressive:
// without this script the list is plain checkboxes. Typing hides the items whose label does
// not contain the text (case and umlauts ignored: "hame" finds "Hämeenlinna"); checked items
// always stay visible, and a live line says how many are checked.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(box) {
    if (box.hasAttribute("data-filterable-ready")) {
      return;
    }
    box.setAttribute("data-filterable-ready", "");
    var list = box.lastElementChild;
    var label = box.getAttribute("data-filter-label");
    var filter = document.createElement("input");
    filter.type = "search";
    filter.className = "filterable-checkboxes__filter";
    filter.setAttribute("aria-label", label);
    filter.placeholder = label;
    if (list && list.id) {
      filter.setAttribute("aria-controls", list.id);
    }
    var status = document.createElement("p");
    status.className = "filterable-checkboxes__status";
    status.setAttribute("aria-live", "polite");
    box.insertBefore(status, list);
    box.insertBefore(filter, status);
    var boxes = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));

    function update() {
      var query = fold(filter.value.trim());
      var checked = 0;
      var shown = 0;
      boxes.forEach(function (checkbox) {
        var item = checkbox.closest("label") || checkbox.parentNode;
        var row = item.parentNode === list ? item : item.parentNode;
        var match = !query || fold(item.textContent).indexOf(query) !== -1;
        row.hidden = !(match || checkbox.checked);
        if (checkbox.checked) {
          checked += 1;
        }
        if (!row.hidden) {
          shown += 1;
        }
      });
      var text = box.getAttribute("data-checked-text").replace("__COUNT__", checked);
      status.textContent = shown ? text : text + " " + box.getAttribute("data-none-text");
    }

    filter.addEventListener("input", update);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // a filter, not a submit of the page form
      }
    });
    box.addEventListener("change", update);
    update();
  }

  function init(root) {
    root.querySelectorAll("[data-filterable-checkboxes]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
