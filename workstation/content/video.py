"""YouTube and Vimeo addresses, recognised strictly, and the card that stands in for the player.

A video is never embedded from anything the user typed: the address is
parsed, the id is checked against a strict pattern, and the player URL is
rebuilt from the id alone, on the privacy-enhanced host.
"""

from __future__ import annotations

import re
from html import escape
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
_DURATION = re.compile(r"(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"})
_NOCOOKIE_HOSTS = frozenset({"youtube-nocookie.com", "www.youtube-nocookie.com"})
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})
PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


class VideoEmbed(NamedTuple):
    provider: str  # "youtube" or "vimeo"
    video_id: str
    start: int = 0  # seconds
    vimeo_hash: str = ""  # the private-link hash of an unlisted Vimeo video

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced player, started on load (it is loaded by the reader's click)."""
        if self.provider == "youtube":
            start = f"&start={self.start}" if self.start else ""
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1{start}"
        private = f"&h={self.vimeo_hash}" if self.vimeo_hash else ""
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1{private}"

    @property
    def player_page_url(self) -> str:
        """The privacy-enhanced player as a page of its own: where a click leads when no script runs."""
        if self.provider == "youtube":
            start = f"?start={self.start}" if self.start else ""
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}{start}"
        private = f"&h={self.vimeo_hash}" if self.vimeo_hash else ""
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1{private}"


def _seconds(value: str) -> int:
    match = _DURATION.fullmatch(value.strip())
    if not match or not value.strip():
        return 0
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _youtube(host: str, path: str, query: dict[str, list[str]]) -> VideoEmbed | None:
    start = _seconds((query.get("t") or query.get("start") or [""])[0])
    if host == "youtu.be":
        candidate = path.strip("/")
    elif host in _YOUTUBE_HOSTS and path.rstrip("/") == "/watch":
        candidate = (query.get("v") or [""])[0]
    elif host in _YOUTUBE_HOSTS | _NOCOOKIE_HOSTS and re.fullmatch(r"/(shorts|embed|live)/[^/]+/?", path):
        candidate = path.strip("/").split("/")[1]
    else:
        return None
    return VideoEmbed("youtube", candidate, start) if _YOUTUBE_ID.fullmatch(candidate) else None


def _vimeo(host: str, path: str, query: dict[str, list[str]]) -> VideoEmbed | None:
    parts = [part for part in path.split("/") if part]
    if host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        video_id, private = parts[1], (query.get("h") or [""])[0]
    elif host in _VIMEO_HOSTS and len(parts) in (1, 2):
        video_id, private = parts[0], parts[1] if len(parts) == 2 else ""
    else:
        return None
    if not _VIMEO_ID.fullmatch(video_id) or (private and not _VIMEO_HASH.fullmatch(private)):
        return None
    return VideoEmbed("vimeo", video_id, 0, private)


def video_embed(url: str) -> VideoEmbed | None:
    """The video an address points at, or None for anything that is not a YouTube or Vimeo video.

    Accepts ``youtube.com/watch?v=``, ``youtu.be/``, ``/shorts/``, ``/embed/``,
    ``vimeo.com/<id>`` and ``player.vimeo.com/video/<id>``, over http or https,
    optionally in ``<…>``.
    """
    text = url.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if len(text) > 500 or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or port is not None or parts.username or parts.password:
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host in _YOUTUBE_HOSTS | _NOCOOKIE_HOSTS or host == "youtu.be":
        return _youtube(host, parts.path, query)
    if host in _VIMEO_HOSTS or host == "player.vimeo.com":
        return _vimeo(host, parts.path, query)
    return None


# A video line: the address, then optionally a "title" and a poster photo, e.g.
#   https://youtu.be/abcdefghijk "The night train returns" photo:12
_VIDEO_LINE = re.compile(r'(?P<url><?[^\s"<>]+>?)(?:[ \t]+"(?P<title>[^"\n]{1,300})")?(?:[ \t]+(?P<poster>photo:[1-9][0-9]{0,17}))?')


class VideoLine(NamedTuple):
    """A video line of a body: the video, the title the card shows, and its poster photo reference."""

    video: VideoEmbed
    title: str = ""
    poster: str = ""


def video_line(line: str) -> VideoLine | None:
    """The video a line alone on its own stands for, or None (see ``_VIDEO_LINE``)."""
    match = _VIDEO_LINE.fullmatch(line.strip())
    video = video_embed(match.group("url")) if match else None
    if match is None or video is None:
        return None
    return VideoLine(video, " ".join((match.group("title") or "").split()), match.group("poster") or "")


def video_line_text(url: str, title: str = "", poster: str = "") -> str:
    """The line that ``video_line`` reads back: a title's double quotes become typographic ones."""
    title = " ".join(title.replace('"', "\u201d").split())
    return " ".join(part for part in (url.strip(), f'"{title}"' if title else "", poster) if part)


_PLAY = (
    '<svg class="video-card__poster" viewBox="0 0 640 360" aria-hidden="true" focusable="false">'
    "{backdrop}"
    '<circle class="video-card__disc" cx="320" cy="164" r="58" fill="#b0241b"/>'
    '<path class="video-card__triangle" d="M300 132v64l54-32z" fill="#fff"/>'
    "{provider}"
    "</svg>"
)
_BACKDROP = '<rect class="video-card__backdrop" width="640" height="360" fill="#14171c"/>'
_PROVIDER = (
    '<text class="video-card__provider" x="320" y="286" text-anchor="middle" fill="#fff" '
    'font-family="system-ui, sans-serif" font-size="30">{name}</text>'
)


def video_card_html(video: VideoEmbed, title: str = "", poster: str = "") -> str:
    """The click-to-play card: a local poster, no request to the provider.

    ``poster`` is a ready ``<picture>``/``<img>`` (built by the dialect from
    a library photo, decorative: ``alt=""``); without one the poster is
    drawn (the provider's name and a play button). The markup is a contract
    with the page's click-to-play script (``resources/static/site.js``)::

        <figure class="video-card [video-card--poster]" data-provider="youtube|vimeo"
                data-video-id="<validated id>" data-title="<title, or provider> video"
                data-embed="<privacy-enhanced player URL, ?autoplay=1…>"
                data-watch="<the privacy-enhanced player's page, for a reader without script>">
          <a class="video-card__play" href="<the privacy-enhanced player's page>">
            [poster picture] <svg class="video-card__poster">…play button…</svg>
            <span class="video-card__label">[<span class="video-card__title">title</span>]
              Play video<span class="visually-hidden"> on <provider></span></span>
          </a>
        </figure>

    The link's name is its visible text (no ``aria-label`` that could say
    something else). On click the script replaces the card's children with
    an ``<iframe>`` whose ``src`` is ``data-embed``; nothing from the
    provider (not even a thumbnail from ``i.ytimg.com``) is fetched before
    that. The play control is a link so that where no script runs (a mailed
    hand-off file, a CMS that strips scripts, a reader who turned them off)
    the click still leads to the video: to the privacy-enhanced player's own
    page, never to ``youtube.com/watch``, which sets tracking cookies.
    """
    name = escape(video.provider_name)
    title = " ".join(title.split())
    drawn = _PLAY.format(
        backdrop="" if poster else _BACKDROP, provider="" if poster else _PROVIDER.format(name=name)
    )
    shown_title = f'<span class="video-card__title">{escape(title)}</span> ' if title else ""
    frame_title = escape(title, quote=True) if title else f"{name} video"
    classes = "video-card video-card--poster" if poster else "video-card"
    return (
        f'<figure class="{classes}" data-provider="{video.provider}" data-video-id="{escape(video.video_id)}"'
        f' data-title="{frame_title}" data-embed="{escape(video.embed_url)}" data-watch="{escape(video.player_page_url)}">'
        f'<a class="video-card__play" href="{escape(video.player_page_url)}">'
        f"{poster}{drawn}"
        f'<span class="video-card__label">{shown_title}<span class="video-card__action">Play video</span>'
        f'<span class="visually-hidden"> on {name}</span></span>'
        "</a></figure>"
    )
