// Warn before leaving a page whose form was edited but not submitted: a long
// answer typed and then lost to a stray click on a link is the worst kind of
// lost work. Forms opt in with data-warn-unsaved; submitting one ends the
// warning, so saving never asks. Browsers show their own wording.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-warn-unsaved]");
  if (!forms.length) { return; }
  var edited = false;
  forms.forEach(function (form) {
    form.addEventListener("input", function () { edited = true; });
    form.addEventListener("change", function () { edited = true; });
    form.addEventListener("submit", function () { edited = false; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!edited) { return; }
    event.preventDefault();
    event.returnValue = "";  // what older browsers need to ask at all
  });
})();
