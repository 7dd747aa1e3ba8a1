/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";
  // Move focus to <main> when the skip link is used (some browsers keep it on the link).
  var skip = document.querySelector(".skip-link");
  if (skip) {
    skip.addEventListener("click", function () {
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    });
  }
})();
