"""What the navigator and the pickers list: articles, photos and related stories to choose from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from workstation.content.reading import word_count
from workstation.library.articles import count_articles, list_article_rows
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFilter, PhotoSort, photo_ids, photo_summaries, thumbnails
from workstation.library.publishing import is_live, is_scheduled, now_utc, publication_label


@dataclass(frozen=True)
class ArticleRow:
    id: int
    slug: str
    headline: str
    status: str
    updated_at: datetime
    published_at: datetime | None = None
    # Progress against the assignment: counted only for articles that have a target.
    words: int = 0
    word_target: int = 0

    @property
    def live(self) -> bool:
        """On the site: published, and not scheduled for later."""
        return is_live(self.status, self.published_at, now_utc())

    @property
    def scheduled(self) -> bool:
        """Published with a publication time still to come (held back from the site)."""
        return is_scheduled(self.status, self.published_at, now_utc())

    @property
    def state_label(self) -> str:
        """"Draft", "Published 12 June 2026, 09:00 UTC", "Scheduled for …"."""
        return publication_label(self.status, self.published_at, now_utc())


@dataclass(frozen=True)
class ArticleList:
    rows: list[ArticleRow]
    total: int


@dataclass(frozen=True)
class PhotoChoice:
    id: int
    caption: str
    filename: str
    thumbnail: bytes | None


def _article_rows(session: Session, after: ArticleRow | None, limit: int, **filters: Any) -> list[ArticleRow]:
    keyset = None if after is None else (after.updated_at, after.id)
    return [
        ArticleRow(
            id_, slug, headline, status, updated_at, published_at, word_count(body or "") if target else 0, target or 0
        )
        for id_, slug, headline, status, updated_at, published_at, target, body in list_article_rows(
            session, limit=limit, after=keyset, **filters
        )
    ]


def article_list(
    library: Library,
    *,
    status: str | None = None,
    section_id: int | None = None,
    query: str | None = None,
    limit: int = 500,
) -> ArticleList:
    """Articles matching the filters, most recently changed first, with how many match in all."""
    filters: dict[str, Any] = {"status": status, "section_id": section_id, "query": query}
    with library.session() as session:
        return ArticleList(_article_rows(session, None, limit, **filters), count_articles(session, **filters))


def article_page(
    library: Library,
    after: ArticleRow,
    *,
    status: str | None = None,
    section_id: int | None = None,
    query: str | None = None,
    limit: int = 500,
) -> list[ArticleRow]:
    """The next ``limit`` articles of ``article_list``'s order after ``after`` (a row it or this returned)."""
    with library.session() as session:
        return _article_rows(session, after, limit, status=status, section_id=section_id, query=query)


def related_articles(library: Library, query: str | None, exclude_id: int | None, limit: int) -> list[ArticleRow]:
    """Candidates for a related-article card: any article but the one being written, those on the site first.

    A card to an article that is not on the site shows readers a missing
    article, so the picker offers the live ones first and marks the rest.
    """
    found = [row for row in article_list(library, query=query or None, limit=limit).rows if row.id != exclude_id]
    return sorted(found, key=lambda row: not row.live)


def photo_choices(library: Library, query: str, limit: int) -> list[PhotoChoice]:
    """The library's photos matching ``query``, newest import first, with their thumbnails."""
    with library.session() as session:
        ids = photo_ids(session, PhotoFilter(query=query.strip(), sort=PhotoSort.IMPORTED), limit=limit)
        summaries = photo_summaries(session, ids)
        thumbs = thumbnails(session, ids)
    return [
        PhotoChoice(photo_id, summaries[photo_id].caption, summaries[photo_id].filename, thumbs.get(photo_id))
        for photo_id in ids
        if photo_id in summaries
    ]

