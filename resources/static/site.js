// Click to play: a video card stays a local picture and a link until the
// reader asks for it; only then is the privacy-enhanced player loaded.
(function () {
  "use strict";
  var PLAYERS = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)[A-Za-z0-9_-]+(\?[A-Za-z0-9_=&.-]*)?$/;

  function play(card) {
    var src = card.getAttribute("data-embed") || "";
    if (!PLAYERS.test(src)) {
      return false;
    }
    var frame = document.createElement("iframe");
    frame.src = /[?&]autoplay=1/.test(src) ? src : src + (src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    frame.title = card.getAttribute("data-title") || "Video";
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    card.replaceChildren(frame);
    card.classList.add("is-playing");
    frame.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var card = target && target.closest("[data-embed]");
    if (card && play(card)) {
      event.preventDefault();
    }
  });
})();
