// Live character counter for text areas with a limit (core/widgets.py CountedTextarea).
// Counts only; never cuts what the editor typed or pasted. The server refuses text that
// is too long with a form error, so this is a help, not the rule.
(function () {
  "use strict";

  function update(textarea, counter) {
    var limit = parseInt(textarea.getAttribute("data-char-limit"), 10);
    var count = textarea.value.length;
    var over = count - limit;
    var template = over > 0 ? counter.getAttribute("data-over-text") : counter.getAttribute("data-count-text");
    counter.textContent = template.replace("__COUNT__", count).replace("__OVER__", over);
    textarea.setAttribute("aria-invalid", over > 0 ? "true" : "false");
  }

  function init(root) {
    root.querySelectorAll("textarea[data-char-limit]").forEach(function (textarea) {
      var counter = document.getElementById(textarea.id + "-counter");
      if (!counter || textarea.hasAttribute("data-char-counter-ready")) {
        return;
      }
      textarea.setAttribute("data-char-counter-ready", "");
      textarea.addEventListener("input", function () {
        update(textarea, counter);
      });
      update(textarea, counter);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
  });
})();
