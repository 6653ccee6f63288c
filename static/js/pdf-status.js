// Polls the PDF state of a declaration until it is ready or failed, then
// updates the panel in place (no manual reload). Progressive enhancement: the
// page without JavaScript still shows the state and a reload link.
(function () {
  "use strict";
  var panel = document.getElementById("pdf-status");
  if (!panel || panel.dataset.state === "ready" || panel.dataset.state === "failed") return;
  var url = panel.dataset.statusUrl;
  var delay = 1500;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return schedule();
        panel.dataset.state = data.state;
        panel.querySelector("[data-pdf-label]").textContent = data.label;
        if (data.state === "ready" || data.state === "failed") {
          // The server renders the download button or the retry form.
          window.location.reload();
          return;
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    delay = Math.min(delay * 1.5, 15000);
    window.setTimeout(poll, delay);
  }

  schedule();
})();
