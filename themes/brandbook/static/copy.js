/* «Копировать» buttons of the admin page: copy the code of the textarea named by data-copy.
   Without JavaScript the buttons are hidden (.js-only) and the read-only text stays selectable.
   Previews: when a piece's <details> opens, its [data-preview] box gets a sandboxed frame (no
   scripts, no access to this page) showing the code of the textarea it names, pasted into an
   empty page; nothing is framed before that. */
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

  function preview(box) {
    var area = document.getElementById(box.getAttribute("data-preview"));
    if (!area || box.querySelector("iframe")) return;
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "");
    frame.setAttribute("title", box.getAttribute("data-preview-title") || "Предпросмотр");
    frame.setAttribute("srcdoc", "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">" +
      "<title>Предпросмотр</title><style>body{margin:12px;font-family:Arial,sans-serif}</style></head><body>" +
      area.value + "</body></html>");
    box.appendChild(frame);
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.querySelectorAll) return;
    var boxes = details.querySelectorAll("[data-preview]");
    for (var i = 0; i < boxes.length; i++) preview(boxes[i]);
  }, true);

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
