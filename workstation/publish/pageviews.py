"""What the templates receive: small immutable views, no ORM objects.

Paths in views are relative to the output folder (``articles/x/index.html``)
or full URLs with a scheme (``ws-photo://``, ``data:``); the template's
``url()`` turns the former into links relative to the page being rendered.
Being frozen dataclasses, their ``repr`` is a stable fingerprint of a page's
inputs, which is how an unchanged page is recognised without rendering it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from workstation.content.views import FigureView
from workstation.publish.icons import IconLink


@dataclass(frozen=True)
class LinkView:
    name: str
    path: str


@dataclass(frozen=True)
class ImageRef:
    """A teaser picture: ``src`` and each ``(path, width)`` candidate for ``srcset``, JPEG and WebP."""

    src: str
    width: int
    height: int
    candidates: tuple[tuple[str, int], ...] = ()
    webp: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class StoryView:
    path: str
    headline: str
    summary: str
    section: LinkView | None
    authors: tuple[LinkView, ...]
    iso: str
    date_label: str
    image: ImageRef | None


@dataclass(frozen=True)
class AuthorView:
    name: str
    path: str
    role: str
    location: str
    bio_html: Markup
    avatar: str
    links: tuple[LinkView, ...]


@dataclass(frozen=True)
class CorrectionView:
    """"Correction, 12 June 2026: …" at the foot of the article."""

    iso: str
    date_label: str
    text: str


@dataclass(frozen=True)
class ArticleView:
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


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Meta:
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


@dataclass(frozen=True)
class SiteView:
    name: str
    description: str
    language: str
    locale: str
    sections: tuple[LinkView, ...]


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    newer: str
    older: str


@dataclass(frozen=True)
class ListView:
    title: str
    kicker: str
    description: str
    feature_first: bool = False


@dataclass(frozen=True)
class Assets:
    """How a page reaches its CSS and scripts: linked files, or inlined for preview and hand-off."""

    css: Markup | None = None
    scripts: tuple[str, ...] = ("static/site.js",)
    feed: bool = True
    icons: tuple[IconLink, ...] = ()
