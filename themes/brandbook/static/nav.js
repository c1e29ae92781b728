/* The header's «Меню» button on narrow screens: folds the search box and the sections away so
   the page's own title is on the first screen. Without JavaScript everything stays open. */
(function () {
  "use strict";
  var button = document.querySelector(".nav-toggle");
  var header = document.querySelector(".site-header");
  if (!button || !header) return;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("is-open", open);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && header.classList.contains("is-open") && header.contains(document.activeElement)) {
      button.setAttribute("aria-expanded", "false");
      header.classList.remove("is-open");
      button.focus();
    }
  });
})();
