"""The catalog snapshot (``catalog``) read through the ORM: for the preview, the hand-off file and ninjs.

The site export reads the same snapshot in plain SQL (``catalog_reader``);
both read ``catalog``'s column lists and build with its functions, and a
test holds them to the same catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from workstation.content.critic import published_text
from workstation.content.references import article_refs
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
from workstation.library.plain import batches
from workstation.library.publishing import now_utc
from workstation.library.settings import SiteSettings, load_settings
from workstation.publish.catalog import (
    ARTICLE_FIELDS,
    LATEST_COUNT,
    ArticleRecord,
    AuthorData,
    Catalog,
    CorrectionData,
    PhotoData,
    article_records,
    assemble,
    author_data,
    photo_data,
    photo_ids,
    section_data,
    split_held,
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
            photos[row.id] = photo_data(row, settings)
    return photos


def _authors(session: Session, ids: Iterable[int] | None = None) -> dict[int, AuthorData]:
    query = select(Author).options(undefer(Author.avatar))
    if ids is not None:
        query = query.where(Author.id.in_(list(ids)))
    return {row.id: author_data(row) for row in session.scalars(query)}


_ARTICLE_COLUMNS = tuple(getattr(Article, name) for name in ARTICLE_FIELDS)


def _records(session: Session, where: list) -> list[ArticleRecord]:  # type: ignore[type-arg]
    """Articles as plain rows: 1,000 of them load in milliseconds, not the ORM's tenths of a second."""
    rows = session.execute(select(*_ARTICLE_COLUMNS).where(*where)).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    bylines: dict[int, list[tuple[int, int]]] = {}
    tags: dict[int, list[str]] = {}
    corrections: dict[int, list[CorrectionData]] = {}
    for chunk in batches(ids):
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
    return article_records(rows, bylines, tags, corrections)


def load_catalog(session: Session, drafts: bool = False, now: datetime | None = None) -> Catalog:
    """Everything the export publishes: the live articles (every status with ``drafts``).

    Scheduled articles (publication time after ``now``) are left out and
    listed in ``Catalog.held``; with ``drafts`` nothing is held back.
    """
    settings = load_settings(session)
    records = _records(session, [] if drafts else [Article.status == Status.PUBLISHED.value])
    sections = [section_data(row) for row in session.scalars(select(Section))]
    return assemble(
        settings, sections, _authors(session).values(), records,
        lambda ids: load_photos(session, ids, settings), drafts=drafts, now=now,
    )


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
    catalog.photos.update(load_photos(session, photo_ids(catalog) - set(catalog.photos), catalog.settings))
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
    sections = {row.id: section_data(row) for row in session.scalars(select(Section))}
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
