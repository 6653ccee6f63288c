// A table wider than the screen scrolls sideways inside .table-responsive. When it
// does, and only then, the wrapper becomes a named region the keyboard can reach and
// scroll with the arrow keys (WCAG 2.1.1); its name is the table's caption.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        var caption = wrapper.querySelector("caption");
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.dataset.scrollRegion = "1";
        if (caption && !wrapper.hasAttribute("aria-labelledby")) {
          wrapper.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (!scrolls && wrapper.dataset.scrollRegion) {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
        delete wrapper.dataset.scrollRegion;
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
