"""A plain-data snapshot of what a page is made from, and the one rule that assembles it from rows.

Pages are built from this snapshot rather than from live ORM objects, so
the export, the single-file hand-off and the live preview (which shows
*unsaved* text) all feed the same builders: the preview simply puts the
editor's ``ArticleState`` (``library.article_state``) where the stored
article would be.

Stored bodies enter the snapshot as published: pending suggestions and
comments are never on a page (``content.critic``). The preview's own
unsaved text is the exception: it keeps them, and shows them as marks.

The rows come through the ORM (``catalog_queries``: the preview, the
hand-off, ninjs) or, for the site export, as plain SQL
(``catalog_reader``), which needs no SQLAlchemy; both read the columns
named here and build the snapshot with the functions here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

from workstation.content.critic import published_text
from workstation.content.references import article_refs, photo_refs
from workstation.content.slugs import slug_key
from workstation.library.article_state import ArticleState
from workstation.library.photo_rights import credit_in_style, rights_in
from workstation.library.publishing import is_scheduled, now_utc
from workstation.library.site_settings import SiteSettings
from workstation.publish.images import PhotoInfo

# How many other stories an article page lists under "Latest news".
LATEST_COUNT = 5


class CorrectionData(NamedTuple):
    """A dated correction note, as the page and its JSON-LD carry it."""

    noted_at: datetime
    text: str


class ArticleRecord(NamedTuple):
    state: ArticleState
    updated_at: datetime
    created_at: datetime
    # The last published change (``Article.modified_at``); None before any.
    modified_at: datetime | None = None
    corrections: tuple[CorrectionData, ...] = ()

    @property
    def slug(self) -> str:
        return self.state.slug

    @property
    def date(self) -> datetime:
        return self.state.published_at or self.created_at

    @property
    def modified(self) -> datetime:
        """dateModified, the feed's ``updated``, the sitemap's ``lastmod``: the last published change, never an edit or import time."""
        return max(self.modified_at, self.date) if self.modified_at is not None else self.date


class SectionData(NamedTuple):
    id: int
    slug: str
    name: str
    description: str
    position: int


class AuthorData(NamedTuple):
    id: int
    slug: str
    name: str
    role: str
    bio: str
    website: str
    location: str
    social_links: tuple[tuple[str, str], ...]
    avatar: bytes | None
    avatar_mime: str


class PhotoData(NamedTuple):
    info: PhotoInfo
    caption: str
    alt_text: str
    credit: str


@dataclass
class Catalog:
    settings: SiteSettings
    sections: dict[int, SectionData]
    authors: dict[int, AuthorData]
    articles: list[ArticleRecord]
    photos: dict[int, PhotoData]
    by_slug: dict[str, ArticleRecord] = field(default_factory=dict)
    # Published articles whose publication time is still to come (embargoed), soonest first: not on the site.
    held: list[ArticleRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.articles.sort(key=lambda r: (r.date, r.slug), reverse=True)
        # Keyed by ``slug_key``: ``[[KYIV]]`` is the article "kyiv".
        self.by_slug = {slug_key(r.slug): r for r in self.articles}
        self._refs: dict[str, tuple[list[int], list[str]]] = {}
        self._by_section: dict[int | None, list[ArticleRecord]] | None = None

    def in_section(self, section_id: int | None) -> list[ArticleRecord]:
        """The section's articles, newest first (every article when the section is unknown)."""
        if section_id not in self.sections:
            return self.articles
        if self._by_section is None:
            self._by_section = {}
            for record in self.articles:
                self._by_section.setdefault(record.state.section_id, []).append(record)
        return self._by_section.get(section_id, [])

    def latest_in_section(self, record: ArticleRecord, count: int = LATEST_COUNT) -> list[ArticleRecord]:
        """The "latest news" an article page lists: the newest others of its section.

        The one definition the export (pages and their fingerprints), the
        hand-off file and the preview all use.
        """
        pool = self.in_section(record.state.section_id)
        return [other for other in pool[: count + 1] if other.slug != record.slug][:count]

    def refs(self, record: ArticleRecord) -> tuple[list[int], list[str]]:
        """The photo ids and article slugs a body refers to, parsed once per snapshot."""
        found = self._refs.get(record.slug)
        if found is None:
            found = self._refs[record.slug] = body_refs(record.state.body)
        return found

    def with_article(self, record: ArticleRecord) -> Catalog:
        """The same snapshot with ``record`` in place of any article of its slug."""
        others = [r for r in self.articles if r.slug != record.slug]
        return replace(self, articles=[*others, record], by_slug={})


# The columns each snapshot record is built from, by name (the ORM's attributes and the tables' columns alike).
SECTION_FIELDS = ("id", "slug", "name", "description", "position")
AUTHOR_FIELDS = ("id", "slug", "name", "role", "bio", "website", "location", "social_links", "avatar", "avatar_mime")
ARTICLE_FIELDS = (
    "id", "slug", "headline", "dek", "body", "section_id", "status", "published_at", "modified_at", "created_at",
    "updated_at", "feature_photo_id", "feature_caption", "feature_alt", "seo_title", "seo_description",
)
PHOTO_FIELDS = (
    "id", "sha256", "width", "height", "focal_x", "focal_y", "caption", "alt_text", "creator", "credit_line",
    "credit_override", "copyright_notice", "usage_terms", "source", "web_statement", "licensor_url", "city", "region",
    "country", "keywords", "extended_description", "digital_source_type", "data_mining", "content_credentials",
)


def section_data(row: Any) -> SectionData:
    """A section from a row with ``SECTION_FIELDS``."""
    return SectionData(row.id, row.slug, row.name, row.description or "", row.position or 0)


def author_data(row: Any) -> AuthorData:
    """An author from a row with ``AUTHOR_FIELDS`` (``social_links`` already decoded from JSON)."""
    links = tuple(
        (str(link.get("label", "")), str(link.get("url", "")))
        for link in (row.social_links or [])
        if isinstance(link, dict)
    )
    return AuthorData(
        row.id, row.slug, row.name, row.role or "", published_text(row.bio or ""), row.website or "",
        row.location or "", links, row.avatar, row.avatar_mime or "",
    )


def photo_data(row: Any, settings: SiteSettings) -> PhotoData:
    """A photo from a row with ``PHOTO_FIELDS`` (``content_credentials`` already decoded from JSON)."""
    info = PhotoInfo(row.id, row.sha256, row.width, row.height, (row.focal_x, row.focal_y), rights_in(row, settings))
    return PhotoData(info, row.caption or "", row.alt_text or "", credit_in_style(row, settings.credit_style))


def article_records(
    rows: Iterable[Any],
    bylines: dict[int, list[tuple[int, int]]],
    tags: dict[int, list[str]],
    corrections: dict[int, list[CorrectionData]],
) -> list[ArticleRecord]:
    """Articles as pages show them, from rows with ``ARTICLE_FIELDS``.

    ``bylines``, ``tags`` and ``corrections`` are by article id: ``(position,
    author id)`` pairs, tag names, and correction notes oldest first.
    """
    records = []
    for row in rows:
        state = ArticleState(
            slug=row.slug, headline=row.headline or "", dek=row.dek or "", body=published_text(row.body or ""),
            section_id=row.section_id,
            author_ids=tuple(a for _, a in sorted(bylines.get(row.id, []))),
            tags=tuple(sorted(tags.get(row.id, []))),
            status=row.status, published_at=row.published_at, feature_photo_id=row.feature_photo_id,
            feature_caption=row.feature_caption or "", feature_alt=row.feature_alt or "",
            seo_title=row.seo_title or "", seo_description=row.seo_description or "",
        )
        records.append(
            ArticleRecord(state, row.updated_at, row.created_at, row.modified_at, tuple(corrections.get(row.id, ())))
        )
    return records


def body_refs(body: str) -> tuple[list[int], list[str]]:
    """``photo_refs`` and ``article_refs``, skipped for the many bodies that cannot hold any."""
    return (
        photo_refs(body) if "photo:" in body else [],
        article_refs(body) if "[[" in body else [],
    )


def photo_ids(catalog: Catalog) -> set[int]:
    """Every photo the catalog's pages show: the logo, lead photos and photos in bodies."""
    ids: set[int] = {catalog.settings.logo_photo_id} if catalog.settings.logo_photo_id else set()
    for record in catalog.articles:
        if record.state.feature_photo_id is not None:
            ids.add(record.state.feature_photo_id)
        ids.update(catalog.refs(record)[0])
    return ids


def split_held(records: list[ArticleRecord], now: datetime) -> tuple[list[ArticleRecord], list[ArticleRecord]]:
    """(live, held): published records split by whether their publication time has come (soonest held first)."""
    live, held = [], []
    for record in records:
        scheduled = is_scheduled(record.state.status, record.state.published_at, now)
        (held if scheduled else live).append(record)
    held.sort(key=lambda r: (r.state.published_at, r.slug))
    return live, held


def assemble(
    settings: SiteSettings,
    sections: Iterable[SectionData],
    authors: Iterable[AuthorData],
    records: list[ArticleRecord],
    photos: Callable[[set[int]], dict[int, PhotoData]],
    *,
    drafts: bool,
    now: datetime | None,
) -> Catalog:
    """The export's catalog from the rows read: the one rule both readers follow.

    Scheduled articles are held back (none with ``drafts``); then the
    photos the pages show are fetched by ``photos`` from their ids.
    """
    held: list[ArticleRecord] = []
    if not drafts:
        records, held = split_held(records, now or now_utc())
    catalog = Catalog(settings, {s.id: s for s in sections}, {a.id: a for a in authors}, records, {}, held=held)
    catalog.photos.update(photos(photo_ids(catalog)))
    return catalog
