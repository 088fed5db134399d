"""Images on other hosts: shown as links, never fetched by a reader's browser.

A published page requests nothing from another host before the reader
clicks. A body (or an author's bio) may still name a picture elsewhere: a
Markdown ``![x](https://other.host/a.png)``, a raw ``<img>``, a
``<picture><source srcset>``. ``unfetched`` turns each such image, in
HTML the sanitiser has already cleaned, into a plain link to its address
(plain text inside another link, where a link may not go), drops remote
``srcset`` candidates, ``<source>`` elements left without any, and the
``<picture>`` around an image that became a link. Every converted image
carries its address in ``data-remote-image``, which the sanitiser strips
from anything a writer typed, so ``remote_image_urls`` finds exactly the
images that were converted (preflight reports each one by its URL).
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urlsplit

REMOTE_MARK = "data-remote-image"
_TWO_SLASHES = re.compile(r"^[/\\]{2}")
_SCHEME_HTTP = re.compile(r"^https?:", re.IGNORECASE)
_WHITESPACE = re.compile(r"[\t\n\r]")
# Start tags as the cleaner writes them: attribute values double-quoted, no '"' inside.
_ATTRIBUTES = r'((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>'
_TOKENS = re.compile(r"<a(?=[\s>])[^>]*>|</a>|<img" + _ATTRIBUTES + r"|<source" + _ATTRIBUTES)
_ATTRIBUTE = re.compile(r'\s([^\s"\'>/=]+)(?:="([^"]*)")?')
_PICTURE = re.compile(r"<picture(?:\s[^>]*)?>((?:(?!</?picture[\s>]).)*)</picture>", re.S)
_MARKED = re.compile(REMOTE_MARK + r'="([^"]*)"')


def may_show_remote_images(text: str) -> bool:
    """Whether Markdown ``text`` could show an image from another host, judged without rendering it.

    False for text with no address (no ``//``, nor a backslash that may
    stand for one) or no image syntax at all: most bodies and bios, which
    then need neither the Markdown renderer nor its import.
    """
    if "//" not in text and "\\" not in text:
        return False
    lowered = text.lower()
    return "![" in text or "<img" in lowered or "<source" in lowered


def is_remote(url: str) -> bool:
    """Whether a browser would fetch ``url`` from another host: an absolute http(s) or protocol-relative address."""
    text = _WHITESPACE.sub("", unescape(url)).strip()
    return bool(_SCHEME_HTTP.match(text) or _TWO_SLASHES.match(text))


def _attributes(text: str) -> dict[str, str]:
    return {name: value or "" for name, value in _ATTRIBUTE.findall(text)}


def _local_srcset(srcset: str) -> str:
    """The candidates of an (escaped) srcset that stay on this site, re-joined."""
    kept = [part.strip() for part in srcset.split(",") if part.strip() and not is_remote(part.strip().split()[0])]
    return ", ".join(kept)


def _rebuilt(tag: str, attributes: dict[str, str]) -> str:
    parts = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f"<{tag}{parts}>"


def _host(url: str) -> str:
    try:
        return urlsplit(unescape(url).strip()).hostname or "another site"
    except ValueError:
        return "another site"


def _as_link(attributes: dict[str, str], inside_link: bool) -> str:
    src = attributes["src"]
    text = attributes.get("alt", "").strip() or f"Image on {escape(_host(src))}"
    if inside_link:
        return f'<span class="remote-image" {REMOTE_MARK}="{src}">{text}</span>'
    return f'<a class="remote-image" {REMOTE_MARK}="{src}" href="{src}" rel="noopener noreferrer">{text}</a>'


def unfetched(html: str) -> str:
    """Cleaned ``html`` with every image from another host made a link (see the module's note)."""
    if "<img" not in html and "<source" not in html:
        return html
    out: list[str] = []
    depth = 0
    position = 0
    for match in _TOKENS.finditer(html):
        out.append(html[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token.startswith("</a"):
            depth = max(0, depth - 1)
            out.append(token)
        elif token.startswith("<a"):
            depth += 1
            out.append(token)
        else:
            tag = "img" if token.startswith("<img") else "source"
            attributes = _attributes(match.group(1) if tag == "img" else match.group(2))
            changed = False
            if "srcset" in attributes:
                local = _local_srcset(attributes["srcset"])
                changed = local != attributes["srcset"]
                if local:
                    attributes["srcset"] = local
                else:
                    del attributes["srcset"]
            if tag == "img" and is_remote(attributes.get("src", "")):
                out.append(_as_link(attributes, depth > 0))
            elif tag == "source" and "srcset" not in attributes:
                continue
            else:
                out.append(_rebuilt(tag, attributes) if changed else token)
    out.append(html[position:])
    result = "".join(out)
    if "<picture" in result:
        result = _PICTURE.sub(lambda m: m.group(0) if "<img" in m.group(1) else m.group(1), result)
    return result


def remote_image_urls(html: str) -> list[str]:
    """The addresses of the images ``unfetched`` made links of in a rendered fragment, in order, once each."""
    return list(dict.fromkeys(unescape(url) for url in _MARKED.findall(html)))
