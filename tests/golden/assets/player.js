/* Click-to-load video players: no request goes to a video host before the reader asks. */
(function () {
  "use strict";
  var allowed = ["https://vkvideo.ru/", "https://rutube.ru/", "https://www.youtube-nocookie.com/"];
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".video-embed__play") : null;
    if (!button) return;
    var box = button.parentNode;
    var src = box.getAttribute("data-embed") || "";
    if (!allowed.some(function (p) { return src.indexOf(p) === 0; })) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = "Видео: " + (box.getAttribute("data-title") || "");
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture; screen-wake-lock";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    box.textContent = "";
    box.appendChild(frame);
    frame.focus();
  });
})();
