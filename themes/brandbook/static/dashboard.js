/* The protocol dashboard: a cell's note opens in one dialog above the table (the table keeps its
   layout; Escape or «Закрыть» closes it and focus returns to the cell), and «На весь экран» hides
   the site's chrome for a meeting-room screen. Without JavaScript a cell is a link to its note
   under the protocol's text. */
(function () {
  "use strict";
  var dialog = document.querySelector(".cell-dialog");
  if (dialog && typeof dialog.showModal === "function") {
    var title = dialog.querySelector(".cell-dialog__title");
    var body = dialog.querySelector(".cell-dialog__body");
    var opener = null;
    document.addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest("a[data-note]") : null;
      if (!link) return;
      var note = document.getElementById(link.getAttribute("data-note"));
      if (!note) return;
      e.preventDefault();
      var row = link.closest("tr");
      var cluster = row ? row.querySelector("th[scope=row]") : null;
      var decision = note.querySelector(".note__decision");
      title.textContent = (cluster ? cluster.textContent.trim() + ": " : "") + (decision ? decision.textContent : "");
      body.innerHTML = "";
      var dd = note.querySelector("dd");
      var due = note.querySelector(".note__due");
      if (due) {
        var p = document.createElement("p");
        p.className = "cell-dialog__due";
        p.textContent = due.textContent.charAt(0).toUpperCase() + due.textContent.slice(1);
        body.appendChild(p);
      }
      if (dd) body.appendChild(dd.cloneNode(true));
      opener = link;
      if (dialog.open) dialog.close();
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
      opener = null;
    });
    dialog.addEventListener("click", function (e) {  // «Закрыть», or a click on the backdrop
      if (e.target === dialog || (e.target.closest && e.target.closest(".cell-dialog__close"))) dialog.close();
    });
  }

  var toggle = document.querySelector("[data-meeting]");
  if (!toggle) return;
  var root = document.documentElement;
  function set(on) {
    root.classList.toggle("meeting", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = on ? "Выйти из полноэкранного режима" : "На весь экран";
  }
  toggle.addEventListener("click", function () {
    var on = !root.classList.contains("meeting");
    set(on);
    try {
      if (on && root.requestFullscreen && !document.fullscreenElement) root.requestFullscreen().catch(function () {});
      if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    } catch (err) { /* the browser refused full screen: the chrome is hidden all the same */ }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && root.classList.contains("meeting")) set(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && root.classList.contains("meeting") && !(dialog && dialog.open)) set(false);
  });
})();
