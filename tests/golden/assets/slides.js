/* Slide mode: arrows, space, PageUp/PageDown, Home/End and clicks; the address keeps the slide (#slide-N). */
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  var pos = document.querySelector(".slides-nav__pos");
  var current = 0;
  function show(n) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) { s.classList.toggle("is-current", i === current); });
    if (pos) pos.textContent = "Слайд " + (current + 1) + " из " + slides.length;
    if (history.replaceState) history.replaceState(null, "", "#slide-" + (current + 1));
  }
  var m = /#slide-(\d+)/.exec(location.hash);
  show(m ? +m[1] - 1 : 0);
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (["ArrowRight", "PageDown", " "].indexOf(e.key) >= 0) { show(current + 1); e.preventDefault(); }
    else if (["ArrowLeft", "PageUp"].indexOf(e.key) >= 0) { show(current - 1); e.preventDefault(); }
    else if (e.key === "Home") { show(0); e.preventDefault(); }
    else if (e.key === "End") { show(slides.length - 1); e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("[data-slide]") : null;
    if (b) { show(current + (b.getAttribute("data-slide") === "next" ? 1 : -1)); return; }
    if (e.target.closest && e.target.closest(".slide") && !e.target.closest("a, button, summary")) show(current + 1);
  });
})();
