"""A plain-data snapshot of what a page is made from.

Pages are built from this snapshot rather than from live ORM objects, so
the export, the single-file hand-off and the live preview (which shows
*unsaved* text) all feed the same builders: the preview simply puts the
editor's ``ArticleState`` (``library.article_state``) where the stored
article would be.

Stored bodies enter the snapshot as published: pending suggestions and
comments are never on a page (``content.critic``). The preview's own
unsaved text is the exception: it keeps them, and shows them as marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from workstation.content.critic import published_text
from workstation.content.references import article_refs, photo_refs
from workstation.content.slugs import slug_key
from workstation.library.article_state import ArticleState, article_state
from workstation.library.models import (
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Photo,
    Section,
    Status,
    Tag,
    article_tags,
    slug_among,
    slug_matches,
)
from workstation.library.photos import house_credit, rights_of
from workstation.library.publishing import is_scheduled, now_utc
from workstation.library.settings import SiteSettings, load_settings
from workstation.publish.images import PhotoInfo

# How many other stories an article page lists under "Latest news".
LATEST_COUNT = 5


@dataclass(frozen=True)
class CorrectionData:
    """A dated correction note, as the page and its JSON-LD carry it."""

    noted_at: datetime
    text: str


@dataclass(frozen=True)
class ArticleRecord:
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


@dataclass(frozen=True)
class SectionData:
    id: int
    slug: str
    name: str
    description: str
    position: int


@dataclass(frozen=True)
class AuthorData:
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


@dataclass(frozen=True)
class PhotoData:
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


def _section(row: Section) -> SectionData:
    return SectionData(row.id, row.slug, row.name, row.description or "", row.position or 0)


def _author(row: Author) -> AuthorData:
    links = tuple(
        (str(link.get("label", "")), str(link.get("url", "")))
        for link in (row.social_links or [])
        if isinstance(link, dict)
    )
    return AuthorData(
        row.id, row.slug, row.name, row.role or "", published_text(row.bio or ""), row.website or "",
        row.location or "", links, row.avatar, row.avatar_mime or "",
    )


def record_of(row: Article) -> ArticleRecord:
    """A stored article as pages show it: its body as published (``critic.published_text``)."""
    state = article_state(row)
    corrections = tuple(CorrectionData(c.noted_at, c.text) for c in row.corrections)
    return ArticleRecord(
        replace(state, body=published_text(state.body)), row.updated_at, row.created_at, row.modified_at, corrections
    )


def load_photos(session: Session, ids: Iterable[int], settings: SiteSettings) -> dict[int, PhotoData]:
    wanted = sorted({i for i in ids if i is not None})
    photos: dict[int, PhotoData] = {}
    for start in range(0, len(wanted), 500):
        for row in session.scalars(select(Photo).where(Photo.id.in_(wanted[start : start + 500]))):
            info = PhotoInfo(
                row.id, row.sha256, row.width, row.height, (row.focal_x, row.focal_y), rights_of(row, settings)
            )
            photos[row.id] = PhotoData(info, row.caption or "", row.alt_text or "", house_credit(row, settings.credit_style))
    return photos


def body_refs(body: str) -> tuple[list[int], list[str]]:
    """``photo_refs`` and ``article_refs``, skipped for the many bodies that cannot hold any."""
    return (
        photo_refs(body) if "photo:" in body else [],
        article_refs(body) if "[[" in body else [],
    )


def _photo_ids(catalog: Catalog) -> set[int]:
    ids: set[int] = {catalog.settings.logo_photo_id} if catalog.settings.logo_photo_id else set()
    for record in catalog.articles:
        if record.state.feature_photo_id is not None:
            ids.add(record.state.feature_photo_id)
        ids.update(catalog.refs(record)[0])
    return ids


def _authors(session: Session, ids: Iterable[int] | None = None) -> dict[int, AuthorData]:
    query = select(Author).options(undefer(Author.avatar))
    if ids is not None:
        query = query.where(Author.id.in_(list(ids)))
    return {row.id: _author(row) for row in session.scalars(query)}


_ARTICLE_COLUMNS = (
    Article.id, Article.slug, Article.headline, Article.dek, Article.body, Article.section_id, Article.status,
    Article.published_at, Article.modified_at, Article.created_at, Article.updated_at, Article.feature_photo_id,
    Article.feature_caption, Article.feature_alt, Article.seo_title, Article.seo_description,
)


def _records(session: Session, where: list) -> list[ArticleRecord]:  # type: ignore[type-arg]
    """Articles as plain rows: 1,000 of them load in milliseconds, not the ORM's tenths of a second."""
    rows = session.execute(select(*_ARTICLE_COLUMNS).where(*where)).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    bylines: dict[int, list[tuple[int, int]]] = {}
    tags: dict[int, list[str]] = {}
    corrections: dict[int, list[CorrectionData]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for article_id, noted_at, text in session.execute(
            select(Correction.article_id, Correction.noted_at, Correction.text)
            .where(Correction.article_id.in_(chunk))
            .order_by(Correction.noted_at, Correction.id)
        ):
            corrections.setdefault(article_id, []).append(CorrectionData(noted_at, text))
        for article_id, author_id, position in session.execute(
            select(ArticleAuthor.article_id, ArticleAuthor.author_id, ArticleAuthor.position).where(
                ArticleAuthor.article_id.in_(chunk)
            )
        ):
            bylines.setdefault(article_id, []).append((position, author_id))
        for article_id, name in session.execute(
            select(article_tags.c.article_id, Tag.name)
            .join(Tag, Tag.id == article_tags.c.tag_id)
            .where(article_tags.c.article_id.in_(chunk))
        ):
            tags.setdefault(article_id, []).append(name)
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


def split_held(records: list[ArticleRecord], now: datetime) -> tuple[list[ArticleRecord], list[ArticleRecord]]:
    """(live, held): published records split by whether their publication time has come (soonest held first)."""
    live, held = [], []
    for record in records:
        scheduled = is_scheduled(record.state.status, record.state.published_at, now)
        (held if scheduled else live).append(record)
    held.sort(key=lambda r: (r.state.published_at, r.slug))
    return live, held


def load_catalog(session: Session, drafts: bool = False, now: datetime | None = None) -> Catalog:
    """Everything the export publishes: the live articles (every status with ``drafts``).

    Scheduled articles (publication time after ``now``) are left out and
    listed in ``Catalog.held``; with ``drafts`` nothing is held back.
    """
    settings = load_settings(session)
    records = _records(session, [] if drafts else [Article.status == Status.PUBLISHED.value])
    held: list[ArticleRecord] = []
    if not drafts:
        records, held = split_held(records, now or now_utc())
    sections = {row.id: _section(row) for row in session.scalars(select(Section))}
    catalog = Catalog(settings, sections, _authors(session), records, {}, held=held)
    catalog.photos.update(load_photos(session, _photo_ids(catalog), settings))
    return catalog


def load_with_article(session: Session, slug: str) -> tuple[Catalog, ArticleRecord] | None:
    """The published catalog plus the article ``slug`` whatever its status (a hand-off is often a draft).

    Around a draft the page still lists only published stories, as the
    site and the preview do.
    """
    found = _records(session, [slug_matches(Article.slug, slug)])
    if not found:
        return None
    catalog = load_catalog(session).with_article(found[0])
    record = catalog.by_slug[slug_key(found[0].slug)]
    catalog.photos.update(load_photos(session, _photo_ids(catalog) - set(catalog.photos), catalog.settings))
    return catalog, record


def publishing_history(session: Session, slug: str) -> tuple[datetime | None, tuple[CorrectionData, ...]]:
    """The stored article's last published change and corrections, for a page built from unsaved fields."""
    row = session.execute(select(Article.id, Article.modified_at).where(slug_matches(Article.slug, slug))).first()
    if row is None:
        return None, ()
    notes = session.execute(
        select(Correction.noted_at, Correction.text)
        .where(Correction.article_id == row.id)
        .order_by(Correction.noted_at, Correction.id)
    )
    return row.modified_at, tuple(CorrectionData(noted_at, text) for noted_at, text in notes)


def load_neighbourhood(session: Session, state: ArticleState, latest: int = LATEST_COUNT) -> Catalog:
    """Just what one article's page shows: for the preview, which cannot load 10,000 articles per edit.

    Holds every candidate ``Catalog.latest_in_section`` may pick (the newest
    of the section, in the catalog's own order), so the list it makes from
    this snapshot is the one it makes from the whole library.
    """
    settings = load_settings(session)
    sections = {row.id: _section(row) for row in session.scalars(select(Section))}
    published = [Article.status == Status.PUBLISHED.value, Article.slug != state.slug]
    newest = func.coalesce(Article.published_at, Article.created_at)
    near = select(Article.id).where(*published).order_by(newest.desc(), Article.slug.desc()).limit(latest + 1)
    if state.section_id in sections:
        near = near.where(Article.section_id == state.section_id)
    wanted = list(session.scalars(near))
    refs = article_refs(state.body)
    if refs:
        wanted += list(session.scalars(select(Article.id).where(*published, slug_among(Article.slug, refs))))
    records = split_held(_records(session, [Article.id.in_(wanted)]), now_utc())[0] if wanted else []
    return Catalog(settings, sections, _authors(session, state.author_ids), records, {})
