"""The allow-list every HTML fragment built from a user's text goes through.

Python-Markdown passes raw HTML through untouched, and attribute lists let a
writer put any attribute on an element, so the rendered body is cleaned by
nh3 (the Rust ammonia sanitiser) with an allow-list of what the dialect
produces. Script, event handlers, ``javascript:``/``vbscript:``/``data:``
URLs, the app's own ``ws-app:``/``ws-photo:`` addresses, ``<object>``,
``<embed>``, ``<iframe>``, ``<base>``, ``<meta>``, ``<style>`` and ``<form>``
never survive. Ids beginning ``ws-`` are reserved for the live preview's own
elements and are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import nh3

from workstation.content.remote_images import unfetched

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The live preview's own image addresses, served by the desk: only the
# dialect's figures may carry them, never a writer's link or HTML, so none can
# reach the public site.
PREVIEW_IMAGE_SCHEMES = frozenset({"ws-photo"})
RESERVED_ID_PREFIX = "ws-"

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\t\n\r]")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+={0,2}")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]{0,127}")
_DESCRIPTOR = re.compile(r"(\d+w|\d+(\.\d+)?x)?")

_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture",
    "pre", "q", "s", "samp", "small", "source", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style", "headers"},
    "th": {"colspan", "rowspan", "style", "headers", "scope"},
    "details": {"open"},
}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _clean_url(url: str) -> tuple[str, str | None]:
    """The URL as a browser would read it, and its lowercased scheme (None when relative).

    Spaces inside a would-be scheme ("java script:") make it relative for
    today's browsers; the scheme is read without them all the same, so no
    reader's browser, old or lenient, can find ``javascript:`` in it.
    """
    text = _INVISIBLE.sub("", url).strip(" \x00\x0b\x0c")
    match = _SCHEME.match(text) or _SCHEME.match(_SPACES.sub("", text))
    return text, match.group(1).lower() if match else None


def safe_url(url: str, *, preview: bool = False) -> str:
    """``url`` if a reader's browser may follow it, else "".

    Relative URLs and fragments pass, as do http(s), mailto and tel;
    ``javascript:``, ``vbscript:``, ``data:``, ``file:``, the app's own
    ``ws-app:``/``ws-photo:`` and anything unknown do not, however they are
    cased or split by tabs and newlines. With ``preview``, the preview's
    ``ws-photo:`` image addresses pass too.
    """
    if not isinstance(url, str):
        return ""
    text, scheme = _clean_url(url)
    if _CONTROL.search(text):
        return ""
    if scheme is None or scheme in SAFE_SCHEMES or (preview and scheme in PREVIEW_IMAGE_SCHEMES):
        return text
    return ""


def safe_image_url(url: str, *, preview: bool = False) -> str:
    """Like ``safe_url``, and also a base64 ``data:`` URL of a raster image (single-file export)."""
    if isinstance(url, str) and _DATA_IMAGE.fullmatch(url.strip()):
        return url.strip()
    return safe_url(url, preview=preview)


@lru_cache(maxsize=1024)
def safe_srcset(srcset: str, *, preview: bool = False) -> str:
    """The candidates of a ``srcset`` whose URLs are safe image URLs, re-joined.

    Parsed as the HTML standard does: a URL runs to the next whitespace (so a
    data URL's comma stays inside it), then descriptors run to the next comma.
    Remembered: an export checks the same few photos' sets on a thousand pages.
    """
    kept: list[str] = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = srcset.find(",", position)
            end = length if end < 0 else end
            descriptor = srcset[position:end].strip()
            position = end
        if url and safe_image_url(url, preview=preview) and _DESCRIPTOR.fullmatch(descriptor):
            kept.append(f"{url} {descriptor}".strip())
    return ", ".join(kept)


def safe_id(value: str) -> str | None:
    """An id the page can carry: well formed, and not one of the preview's reserved ``ws-`` ids."""
    return value if _ID.fullmatch(value) and not value.lower().startswith(RESERVED_ID_PREFIX) else None


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return safe_id(value)
    if attribute in _URL_ATTRIBUTES:
        return (safe_image_url(value) if element == "img" else safe_url(value)) or None
    if attribute == "srcset":
        return safe_srcset(value) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    # Not svg or math: their content is dropped to the end of the body when
    # one is left open; as unknown tags, only the tags go and the text stays.
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed"},
    attributes=_ATTRIBUTES,
    attribute_filter=_filter,
    url_schemes=set(SAFE_SCHEMES),
    filter_style_properties={"text-align"},
    link_rel="noopener noreferrer",
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style", "template", "noscript"}, attributes={})


def clean_fragment(html: str) -> str:
    """``html`` with everything outside the allow-list removed (text of unknown tags is kept).

    An ``<a>`` whose address was refused loses the ``rel`` the cleaner
    added (``rel`` needs an ``href``); an ``<img>`` whose address was refused
    goes, and one without alt text gets an empty one: the page stays valid.
    An image on another host becomes a link to it (``remote_images.unfetched``).
    """
    cleaned = _CLEANER.clean(html)
    if "<a" in cleaned:
        cleaned = _LINK_TAG.sub(_tidy_link, cleaned)
    if "<img" in cleaned:
        cleaned = _IMAGE_TAG.sub(_tidy_image, cleaned)
    return unfetched(cleaned)


# A start tag as the cleaner writes it: attribute values double-quoted, with no '"' inside.
_ATTRIBUTES_PATTERN = r'((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>'
_LINK_TAG = re.compile(r"<a" + _ATTRIBUTES_PATTERN)
_IMAGE_TAG = re.compile(r"<img" + _ATTRIBUTES_PATTERN)
_ADDED_REL = ' rel="noopener noreferrer"'


def _tidy_link(match: re.Match[str]) -> str:
    attributes = match.group(1)
    if ' href="' in attributes:
        return match.group(0)
    return f"<a{attributes.replace(_ADDED_REL, '')}>"


def _tidy_image(match: re.Match[str]) -> str:
    attributes = match.group(1)
    if ' src="' not in attributes:
        return ""
    return match.group(0) if ' alt="' in attributes else f'<img{attributes} alt="">'



_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|blockquote|div|td|th|tr|figcaption|pre|dd|dt)>|<br\s*/?>)", re.IGNORECASE)
# Every pattern here runs in linear time on hostile input (thousands of "[" or
# "*" on one line): bracketed parts cannot hold brackets, and nothing that can
# fail late backtracks over a whole line.
# Each rule with the strings one of which it needs to match: a rule whose strings the text
# lacks is not run (most fields hold no table, fence or footnote). A MULTILINE rule is a
# line rule: no match of it spans a newline (``plain_text`` relies on this).
_MARKDOWN_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"^(?:```|~~~).*$", re.MULTILINE), "", ("`", "~")),
    (re.compile(r"!\[[^\[\]\n]*\](?:\((?:[^()\n]|\([^()\n]*\))*+\)|\[[^\[\]\n]*\])"), "", ("![",)),
    (re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:.*$", re.MULTILINE), "", ("]:",)),
    (re.compile(r"\[\^[^\[\]\n]*\]"), "", ("[^",)),
    (re.compile(r"\[\[([^\[\]\n]+)\]\]"), r"\1", ("[[",)),
    (re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*+\)"), r"\1", ("](",)),
    (re.compile(r"\[([^\[\]\n]*)\]\[[^\[\]\n]*\]"), r"\1", ("][",)),
    (re.compile(r"^[ \t]*+<?https?://[^\s>]++>?[ \t]*+$", re.MULTILINE), "", ("://",)),
    (re.compile(r"^[ ]{0,3}#{1,6}[ \t]*|[ \t]+#+[ \t]*$", re.MULTILINE), "", ("#",)),
    (re.compile(r"^[ \t]*+[=-]{2,}+[ \t]*+$|^[ \t]*+[*_][ \t*_]{2,}+$|^(?=[^\n]*-)[ \t|:-]++$", re.MULTILINE), "", ("=", "-", "*", "_")),
    (re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE), "", (">",)),
    (re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+", re.MULTILINE), "", ("*", "+", "-", ".", ")")),
    (re.compile(r"\{[:.#][^{}\n]*\}"), "", ("{",)),
    (re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)"), "", ("*", "_")),
    (re.compile(r"`+"), "", ("`",)),
    (re.compile(r"(?<=\S)[ \t]*\|[ \t]*(?=\S)|^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", re.MULTILINE), " ", ("|",)),
)
# How a line a line rule changes starts, for the rules whose every match begins at the start
# of a line: a prose line (most start with a letter) is passed over without looking for the
# rule's strings in it.
_LINE_STARTS: dict[str, re.Pattern[str]] = {
    r"^(?:```|~~~).*$": re.compile(r"[`~]"),
    r"^[ ]{0,3}\[[^\[\]\n]+\]:.*$": re.compile(r"[ \[]"),
    r"^[ \t]*+<?https?://[^\s>]++>?[ \t]*+$": re.compile(r"[ \t<h]"),
    r"^[ \t]*+[=-]{2,}+[ \t]*+$|^[ \t]*+[*_][ \t*_]{2,}+$|^(?=[^\n]*-)[ \t|:-]++$": re.compile(r"[ \t=\-*_|:]"),
    r"^[ \t]*(?:>[ \t]?)+": re.compile(r"[ \t>]"),
    r"^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+": re.compile(r"[ \t*+\-]|\d"),
}
# Each rule with, for a line rule, its pattern for one line (on a text without a newline,
# "^" and "$" mean the same with or without MULTILINE) and how its lines start (None where a
# match can begin anywhere in a line).
_RULES = tuple(
    (pattern, re.compile(pattern.pattern, pattern.flags & ~re.MULTILINE) if pattern.flags & re.MULTILINE else None,
     replacement, needs, _LINE_STARTS.get(pattern.pattern))
    for pattern, replacement, needs in _MARKDOWN_RULES
)


# What the tag stripper changes in a text without tags or character references: NUL goes, a
# carriage return becomes a line end, a lone surrogate cannot pass at all. A text holding none
# of these (nor "<" or "&") comes out of it unchanged, so it is not handed over.
_STRIPPER_CHANGES = re.compile("[<&\x00\r\ud800-\udfff]")


def plain_text(html_or_markdown: str) -> str:
    """Readable plain text of a Markdown or HTML field, on one line.

    For meta descriptions, feed summaries, excerpts and word counts: the
    Markdown syntax, images, photo and footnote references and every tag go;
    the words of links stay. The result is text, not HTML: escape it where
    it is printed.
    """
    return " ".join(plain_words(html_or_markdown))


def plain_words(html_or_markdown: str) -> list[str]:
    """``plain_text`` cut at its spaces: the words (with their punctuation) a reader sees, in order."""
    text = html_or_markdown
    for pattern, by_line, replacement, needs, starts in _RULES:
        if not any(need in text for need in needs):
            continue
        if by_line is None:
            text = pattern.sub(replacement, text)
            continue
        # A line rule runs on each line that holds what it needs, as a pattern of one line:
        # the engine tries a "^" of one line once, a MULTILINE "^" at every character.
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if (starts is None or starts.match(line)) and any(need in line for need in needs):
                lines[index] = by_line.sub(replacement, line)
        text = "\n".join(lines)
    if _STRIPPER_CHANGES.search(text):
        text = _BLOCK_END.sub(r"\1 ", text)
        text = unescape(_TEXT_ONLY.clean(text))
    return text.split()
