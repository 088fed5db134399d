"""The markup the dialect builds itself: figures, related-article cards and article links.

These are made from resolver values and validated references, never from a
user's HTML, so they are assembled here with every string escaped and every
URL checked, and slotted into the body *after* the user's part has been
sanitised. Only their pictures may carry the live preview's ``ws-photo:``
addresses (the preview's resolver makes them; the export's never does). Class names are a contract with ``resources/static/site.css``.
"""

from __future__ import annotations

import re
from html import escape

from workstation.content.reading import trim_text
from workstation.content.references import parse_photo_ref
from workstation.content.sanitise import safe_image_url, safe_srcset, safe_url
from workstation.content.views import CardView, FigureView

EXCERPT_LIMIT = 200
_WIDTH_DESCRIPTOR = re.compile(r"\s\d+w\s*(,|$)")
_MIME = re.compile(r"image/[a-z0-9.+-]{1,40}")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _picture(view: FigureView, alt: str, extra_class: str = "") -> str:
    """``<picture>`` with a ``<source>`` per format, or a bare ``<img>`` when there are none."""
    sizes = view.sizes.strip() or "100vw"
    sources = []
    for mime, srcset in view.sources:
        cleaned = safe_srcset(srcset, preview=True)
        if not cleaned or not _MIME.fullmatch(mime):
            continue
        needs_sizes = bool(_WIDTH_DESCRIPTOR.search(cleaned))
        sizes_attr = f' sizes="{_attr(sizes)}"' if needs_sizes else ""
        sources.append(f'<source type="{_attr(mime)}" srcset="{_attr(cleaned)}"{sizes_attr}>')
    class_attr = f' class="{extra_class}"' if extra_class else ""
    # A lead photo is the page's largest paint: fetched at once, not when scrolled to.
    loading = ' loading="lazy" decoding="async"' if view.lazy else ' loading="eager" fetchpriority="high"'
    img = (
        f'<img{class_attr} src="{_attr(safe_image_url(view.src, preview=True))}" alt="{_attr(alt)}"'
        f' width="{int(view.width)}" height="{int(view.height)}"{loading}>'
    )
    if not sources:
        return img
    return f"<picture>{''.join(sources)}{img}</picture>"


def _usable(view: FigureView) -> bool:
    return bool(safe_image_url(view.src, preview=True)) and view.width > 0 and view.height > 0


def figure_html(
    view: FigureView, *, ref: str = "", alt: str = "", caption: str = "", classes: tuple[str, ...] = ()
) -> str:
    """A photo as a ``<figure>``: the writer's alt and caption win over the photo record's."""
    if not _usable(view):
        return missing_figure_html(ref or view.src, caption=caption)
    text = caption.strip() or view.caption.strip()
    parts = []
    if text:
        parts.append(f'<span class="caption">{escape(text)}</span>')
    if view.credit.strip():
        parts.append(f'<span class="credit">{escape(view.credit.strip())}</span>')
    if view.label.strip():
        parts.append(f'<span class="ai-label">{escape(view.label.strip())}</span>')
    figcaption = f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""
    class_names = " ".join(("figure", *classes))
    picture = _picture(view, alt.strip() or view.alt.strip())
    return f'<figure class="{_attr(class_names)}">{picture}{figcaption}</figure>'


def _shown_ref(ref: str) -> str:
    """The reference as the writer typed it, unless it is an address no page may carry."""
    if parse_photo_ref(ref) is None and not safe_url(ref):
        return "unsafe address removed"
    return ref if len(ref) <= 80 else ref[:79] + "…"


def missing_figure_html(ref: str, *, caption: str = "") -> str:
    """A placeholder the writer cannot miss, instead of a broken image."""
    shown = _shown_ref(ref)
    caption_html = f"<figcaption>{escape(caption.strip())}</figcaption>" if caption.strip() else ""
    return (
        f'<figure class="figure figure--missing" data-ref="{_attr(shown)}">'
        f'<p class="figure__missing"><strong>Missing photo</strong> <code>{escape(shown)}</code></p>'
        f"{caption_html}</figure>"
    )


def inline_image_html(view: FigureView | None, ref: str, alt: str) -> str:
    """A photo inside running text: just the image, or a marked placeholder."""
    if view is None or not _usable(view):
        shown = _shown_ref(ref)
        return f'<span class="figure--missing">[Missing photo <code>{escape(shown)}</code>]</span>'
    return _picture(view, alt.strip() or view.alt.strip())


def card_html(card: CardView) -> str:
    """A related-article card: the lead image, then the headline (the link) and a trimmed excerpt.

    The headline is no heading: a card can follow the page's ``h1`` or any
    sub-head, and a heading level of its own would break the outline there.
    """
    url = safe_url(card.url)
    image = ""
    if card.image is not None and _usable(card.image):
        # The headline already names the link; the picture is decoration here.
        image = _picture(card.image, "", "related-card__image")
    excerpt = trim_text(card.excerpt, EXCERPT_LIMIT)
    excerpt_html = f'<p class="related-card__excerpt">{escape(excerpt)}</p>' if excerpt else ""
    headline = escape(card.headline)
    linked = f'<a class="related-card__link" href="{_attr(url)}">{headline}</a>' if url else headline
    return (
        f'<aside class="related-card">{image}<div class="related-card__text">'
        '<p class="related-card__label">Related</p>'
        f'<p class="related-card__headline">{linked}</p>{excerpt_html}</div></aside>'
    )


def poster_html(view: FigureView) -> str:
    """A video card's poster: the photo, decorative (the card's text names the video); "" if unusable."""
    return _picture(view, "", "video-card__image") if _usable(view) else ""


def missing_card_html(slug: str) -> str:
    return (
        f'<aside class="related-card related-card--missing" data-slug="{_attr(slug)}">'
        f'<p class="related-card__missing"><strong>Missing article</strong> <code>{escape(slug)}</code></p></aside>'
    )


def article_link_html(slug: str, url: str | None) -> str:
    """``[[slug]]`` in running text: a link to the article, or plain text when there is none."""
    href = safe_url(url) if url else ""
    if not href:
        return f'<span class="article-link article-link--missing">{escape(slug)}</span>'
    return f'<a class="article-link" href="{_attr(href)}">{escape(slug)}</a>'
