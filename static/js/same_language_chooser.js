// Wagtail's page chooser for a list of pages in one language (core/widgets.py
// SameLanguagePageChooser). Progressive: without this script the chosen pages are ticked
// checkboxes that can be unticked. The button opens Wagtail's own chooser (search by title,
// browse the tree), limited to the page type and to the page's language; the pages chosen
// there are added as ticked checkboxes. The server checks the language again on save.
(function () {
  "use strict";

  function addChosen(box, list, page) {
    var name = box.getAttribute("data-name");
    var existing = list.querySelector('input[name="' + name + '"][value="' + page.id + '"]');
    if (existing) {
      existing.checked = true;
      return;
    }
    var item = document.createElement("li");
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.name = name;
    input.value = String(page.id);
    input.checked = true;
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + page.adminTitle));
    item.appendChild(label);
    list.appendChild(item);
  }

  function enhance(box) {
    if (box.hasAttribute("data-same-language-chooser-ready") || typeof window.PageChooserModal !== "function") {
      return;
    }
    box.setAttribute("data-same-language-chooser-ready", "");
    var list = box.querySelector(".same-language-chooser__chosen");
    var button = box.querySelector("[data-same-language-chooser-open]");
    var filters = {};
    if (box.getAttribute("data-locale")) {
      filters[box.getAttribute("data-locale-param")] = box.getAttribute("data-locale");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var modal = new window.PageChooserModal(box.getAttribute("data-chooser-url"));
      modal.open(
        { modelNames: [box.getAttribute("data-page-type")], multiple: true, linkedFieldFilters: filters },
        function (result) {
          (Array.isArray(result) ? result : [result]).forEach(function (page) {
            addChosen(box, list, page);
          });
        }
      );
    });
  }

  function init() {
    document.querySelectorAll("[data-same-language-chooser]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
