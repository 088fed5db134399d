"""The export's catalog snapshot read in plain SQL: no SQLAlchemy, no models.

An export after one edit is over in a few hundred milliseconds, and
importing the ORM alone took half of that. The snapshot is a handful of
fixed queries over the columns ``catalog`` names, built into records by
``catalog``'s own functions, with stored times and JSON decoded by
``library.stored`` (the rules the models' column types use), so this
reader and the ORM's (``catalog_queries``) give the same catalog; a test
holds them to it. It runs on SQLite's connection for a library file and on
the driver's connection for a newsroom (``library.plain``).
"""

from __future__ import annotations

from collections import namedtuple
from datetime import datetime
from typing import Any

from workstation.library.changes import MARKER_QUERY, marker_of
from workstation.library.plain import Plain, batches, marks
from workstation.library.site_settings import SiteSettings, site_settings
from workstation.library.statuses import Status
from workstation.library.stored import stored_datetime, stored_json
from workstation.publish.catalog import (
    ARTICLE_FIELDS,
    AUTHOR_FIELDS,
    PHOTO_FIELDS,
    SECTION_FIELDS,
    ArticleRecord,
    AuthorData,
    Catalog,
    CorrectionData,
    PhotoData,
    article_records,
    assemble,
    author_data,
    photo_data,
    section_data,
)

_SectionRow = namedtuple("_SectionRow", SECTION_FIELDS)  # type: ignore[misc]
_AuthorRow = namedtuple("_AuthorRow", AUTHOR_FIELDS)  # type: ignore[misc]
_ArticleRow = namedtuple("_ArticleRow", ARTICLE_FIELDS)  # type: ignore[misc]
_PhotoRow = namedtuple("_PhotoRow", PHOTO_FIELDS)  # type: ignore[misc]

_TIMES = tuple(ARTICLE_FIELDS.index(name) for name in ("published_at", "modified_at", "created_at", "updated_at"))


def _select(fields: tuple[str, ...], table: str) -> str:
    return f"SELECT {', '.join(fields)} FROM {table}"


def _article(row: tuple[Any, ...]) -> Any:
    values = list(row)
    for index in _TIMES:
        values[index] = stored_datetime(values[index])
    return _ArticleRow(*values)


def _records(plain: Plain, drafts: bool) -> list[ArticleRecord]:
    sql = _select(ARTICLE_FIELDS, "articles")
    rows = [_article(row) for row in (
        plain.rows(sql) if drafts else plain.rows(sql + " WHERE status = ?", (Status.PUBLISHED.value,))
    )]
    bylines: dict[int, list[tuple[int, int]]] = {}
    tags: dict[int, list[str]] = {}
    corrections: dict[int, list[CorrectionData]] = {}
    for chunk in batches([row.id for row in rows]):
        among = f"IN ({marks(len(chunk))})"
        for article_id, noted_at, text in plain.rows(
            f"SELECT article_id, noted_at, text FROM corrections WHERE article_id {among} ORDER BY noted_at, id", chunk
        ):
            corrections.setdefault(article_id, []).append(CorrectionData(stored_datetime(noted_at), text))  # type: ignore[arg-type]
        for article_id, author_id, position in plain.rows(
            f"SELECT article_id, author_id, position FROM article_authors WHERE article_id {among}", chunk
        ):
            bylines.setdefault(article_id, []).append((position, author_id))
        for article_id, name in plain.rows(
            "SELECT article_tags.article_id, tags.name FROM article_tags JOIN tags ON tags.id = article_tags.tag_id "
            f"WHERE article_tags.article_id {among}", chunk
        ):
            tags.setdefault(article_id, []).append(name)
    return article_records(rows, bylines, tags, corrections)


def _photos(plain: Plain, ids: set[int], settings: SiteSettings) -> dict[int, PhotoData]:
    photos: dict[int, PhotoData] = {}
    credentials = PHOTO_FIELDS.index("content_credentials")
    for chunk in batches(sorted(ids)):
        for row in plain.rows(_select(PHOTO_FIELDS, "photos") + f" WHERE id IN ({marks(len(chunk))})", chunk):
            values = list(row)
            values[credentials] = stored_json(values[credentials])
            photos[values[0]] = photo_data(_PhotoRow(*values), settings)
    return photos


def _authors(plain: Plain) -> list[AuthorData]:
    links = AUTHOR_FIELDS.index("social_links")
    found = []
    for row in plain.rows(_select(AUTHOR_FIELDS, "authors")):
        values = list(row)
        values[links] = stored_json(values[links])
        found.append(author_data(_AuthorRow(*values)))
    return found


def read_catalog(plain: Plain, *, drafts: bool = False, now: datetime | None = None) -> tuple[str | None, Catalog]:
    """The library's change marker and, in the same transaction, the catalog an export publishes.

    The same snapshot as ``catalog_queries.load_catalog`` (scheduled
    articles held back; every status with ``drafts``); the marker is read
    first, so a write during the export leaves its stamp stale, never wrong.
    """
    marker = marker_of(plain.rows(MARKER_QUERY)[0])
    settings = site_settings(plain.rows("SELECT key, value FROM settings"))
    records = _records(plain, drafts)
    sections = [section_data(_SectionRow(*row)) for row in plain.rows(_select(SECTION_FIELDS, "sections"))]
    return marker, assemble(
        settings, sections, _authors(plain), records, lambda ids: _photos(plain, ids, settings), drafts=drafts, now=now
    )
