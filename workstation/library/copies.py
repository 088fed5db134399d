"""Copying records from one library into another: a newsroom's articles into a take-out file, and back.

The two libraries number their records independently, so a copy is found
by what names it everywhere: a photo by the SHA-256 of its original, an
author, a section or a tag by its slug. An article's own fields refer to
records by id (its section, bylines, lead photo, and ``photo:12`` in its
body); ``IdMaps`` carries those ids from one library to the other.

None of these functions commits: the caller holds both sessions and
commits the target's as one unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from workstation.content.references import renumber_photo_refs
from workstation.library.article_state import ArticleState
from workstation.library.articles import find_or_create_tag
from workstation.library.models import (
    Article,
    Author,
    Correction,
    Photo,
    PhotoThumbnail,
    Section,
    slug_matches,
)
from workstation.library.photo_queries import OTHER_FIELDS, TEXT_FIELDS
from workstation.library.original_store import open_original, store_original
from workstation.library.photos import find_photo_by_hash

# Never copied: a record's id is its own library's, and so is the count of its changes.
OWN_COLUMNS = frozenset({"id", "version"})
# The fields of a photo and an author that people edit, and that a bring-back merges.
PHOTO_FIELDS = (*TEXT_FIELDS, *OTHER_FIELDS)
AUTHOR_FIELDS = ("name", "role", "bio", "email", "website", "location", "social_links")


@dataclass
class IdMaps:
    """Ids of sections, authors and photos in one library, by their ids in the other."""

    sections: dict[int, int] = field(default_factory=dict)
    authors: dict[int, int] = field(default_factory=dict)
    photos: dict[int, int] = field(default_factory=dict)

    def state(self, state: ArticleState) -> ArticleState:
        """``state`` with its references carried over; a reference with no counterpart is dropped."""
        section = self.sections.get(state.section_id) if state.section_id is not None else None
        photo = self.photos.get(state.feature_photo_id) if state.feature_photo_id is not None else None
        return replace(
            state,
            section_id=section,
            author_ids=tuple(self.authors[a] for a in state.author_ids if a in self.authors),
            feature_photo_id=photo,
            body=renumber_photo_refs(state.body, self.photos),
        )


def plain(value: Any) -> Any:
    """A field's value as JSON keeps it (dates as ISO 8601), so stored and live values compare equal."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


def plain_fields(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(getattr(record, name)) for name in names}


def _columns(record: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    mapper = inspect(type(record))
    return {
        attribute.key: getattr(record, attribute.key)
        for attribute in mapper.column_attrs
        if attribute.key not in OWN_COLUMNS | skip
    }


def copy_section(target: Session, section: Section) -> Section:
    """The target's section with ``section``'s slug, made (last in order) when it has none."""
    found = target.scalars(select(Section).where(slug_matches(Section.slug, section.slug))).first()
    if found is not None:
        return found
    position = int(target.scalar(select(func.coalesce(func.max(Section.position), -1))) or 0) + 1
    made = Section(slug=section.slug, name=section.name, description=section.description, position=position)
    target.add(made)
    target.flush()
    return made


def copy_author(target: Session, author: Author) -> tuple[Author, bool]:
    """The target's author with ``author``'s slug, and whether it was made just now (with every field and the avatar)."""
    found = target.scalars(select(Author).where(slug_matches(Author.slug, author.slug))).first()
    if found is not None:
        return found, False
    made = Author(**_columns(author))
    target.add(made)
    target.flush()
    return made, True


def copy_photo(source: Session, target: Session, photo: Photo) -> tuple[Photo, bool]:
    """The target's photo with ``photo``'s bytes, and whether it was made just now (record, thumbnail, original).

    The original is read through ``open_original``, which checks it against
    its SHA-256 (a damaged original is refused rather than spread), and
    copied a chunk at a time (``original_store``), never held whole.
    """
    found = find_photo_by_hash(target, photo.sha256)
    if found is not None:
        return found, False
    with open_original(source, photo.id) as original:
        made = Photo(**_columns(photo))
        thumb = photo.thumbnail
        made.thumbnail = PhotoThumbnail(data=thumb.data, width=thumb.width, height=thumb.height)
        target.add(made)
        target.flush()
        store_original(target, made.id, original, photo.sha256, photo.size_bytes)
    return made, True


def copy_tags(target: Session, names: tuple[str, ...]) -> list[Any]:
    return [find_or_create_tag(target, name) for name in names]


def copy_corrections(target: Session, article: Article, corrections: list[Correction]) -> None:
    for correction in corrections:
        target.add(Correction(article_id=article.id, noted_at=correction.noted_at, text=correction.text))


def article_columns(article: Article) -> dict[str, Any]:
    """The article's own columns to copy; its references (section, lead photo, body) are the caller's to map."""
    return _columns(article, frozenset({"section_id", "feature_photo_id", "body"}))
