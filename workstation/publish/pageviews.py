"""What the templates receive: small immutable views, no ORM objects.

Paths in views are relative to the output folder (``articles/x/index.html``)
or full URLs with a scheme (``ws-photo://``, ``data:``); the template's
``url()`` turns the former into links relative to the page being rendered.
Their ``repr`` is a stable fingerprint of a page's inputs, which is how an
unchanged page is recognised without rendering it. They are named tuples:
immutable and hashed by value like frozen dataclasses, with the same
``repr`` (``Pager(page=1, pages=3, newer='', older='')``), but made at import
in a tenth of the time (a dataclass compiles each of its methods from source:
these twelve took 10-20 ms of every export's start). Being tuples, they
compare by their values alone, whatever their class: nothing compares views
of two kinds.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from workstation.content.views import FigureView
from workstation.publish.icons import IconLink


class LinkView(NamedTuple):
    name: str
    path: str


class ImageRef(NamedTuple):
    """A teaser picture: ``src`` and each ``(path, width)`` candidate for ``srcset``, JPEG and WebP."""

    src: str
    width: int
    height: int
    candidates: tuple[tuple[str, int], ...] = ()
    webp: tuple[tuple[str, int], ...] = ()


class StoryView(NamedTuple):
    path: str
    headline: str
    summary: str
    section: LinkView | None
    authors: tuple[LinkView, ...]
    iso: str
    date_label: str
    image: ImageRef | None


class AuthorView(NamedTuple):
    name: str
    path: str
    role: str
    location: str
    bio_html: Markup
    avatar: str
    links: tuple[LinkView, ...]


class CorrectionView(NamedTuple):
    """"Correction, 12 June 2026: …" at the foot of the article."""

    iso: str
    date_label: str
    text: str


class ArticleView(NamedTuple):
    headline: str
    dek: str
    section: LinkView | None
    authors: tuple[AuthorView, ...]
    iso: str
    date_label: str
    reading_label: str
    lead: FigureView | None
    tags: tuple[LinkView, ...]
    body_html: Markup = Markup("")
    corrections: tuple[CorrectionView, ...] = ()


class SocialImage(NamedTuple):
    url: str
    width: int
    height: int
    alt: str


class Meta(NamedTuple):
    title: str
    description: str
    social_title: str
    canonical: str = ""
    og_type: str = "website"
    image: SocialImage | None = None
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    author_urls: tuple[str, ...] = ()
    robots: str = ""


class SiteView(NamedTuple):
    name: str
    description: str
    language: str
    locale: str
    sections: tuple[LinkView, ...]


class Pager(NamedTuple):
    page: int
    pages: int
    newer: str
    older: str


class ListView(NamedTuple):
    title: str
    kicker: str
    description: str
    feature_first: bool = False


class Assets(NamedTuple):
    """How a page reaches its CSS and scripts: linked files, or inlined for preview and hand-off."""

    css: Markup | None = None
    scripts: tuple[str, ...] = ("static/site.js",)
    feed: bool = True
    icons: tuple[IconLink, ...] = ()
