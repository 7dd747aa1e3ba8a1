// Events: progressive enhancement only; every feature works without this file.
(function () {
  "use strict";
  // After a failed registration, move focus to the error summary so that screen
  // reader users hear what to fix (the summary links to each field).
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }
})();
