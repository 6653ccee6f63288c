// A "Print" button for pages with a print stylesheet. Without JavaScript the
// button stays hidden and the browser's own print command does the same.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () { window.print(); });
  });
})();
