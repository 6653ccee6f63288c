// A form sent back with errors: its summary (#error-summary, tabindex=-1) takes the
// focus, so a screen reader reads it first and a keyboard starts from it; each of its
// links moves the focus to the field it names, not only the view (WCAG 3.3.1, 2.4.3).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
})();
