// A form whose select lists pages (the guideline's editions): submitting it
// goes to the chosen page. Attached by data-navigate-select="<select's name>".
(function () {
  "use strict";
  document.querySelectorAll("form[data-navigate-select]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.href = form.elements[form.dataset.navigateSelect].value;
    });
  });
})();
