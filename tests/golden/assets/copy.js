/* «Копировать» buttons of the admin page: copy the code of the textarea named by data-copy.
   Without JavaScript the buttons are hidden (.js-only) and the read-only text stays selectable. */
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");

  function say(text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function viaSelection(area) {
    area.focus();
    area.select();
    try { return document.execCommand("copy"); } catch (err) { return false; }
  }

  function report(button, ok) {
    var label = button.querySelector("[data-copy-label]");
    if (label) {
      label.textContent = ok ? "Скопировано" : "Выделено";
      window.setTimeout(function () { label.textContent = "Копировать"; }, 2500);
    }
    say(ok ? "Код скопирован в буфер обмена." :
      "Скопировать не удалось: код выделен, нажмите Ctrl+C.");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    var area = document.getElementById(button.getAttribute("data-copy"));
    if (!area) return;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(
        function () { report(button, true); },
        function () { report(button, viaSelection(area)); });
    } else {
      report(button, viaSelection(area));
    }
  });
})();
