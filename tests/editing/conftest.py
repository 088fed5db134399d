"""Application-layer fixtures: real library files with a small newsroom in them, no Qt.

Photo records stored straight through the models come from the photo desk's query tests (``add_photo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.library.conftest import add_photo
from workstation.library.article_state import ArticleState, article_state
from workstation.library.database import Library, open_library
from workstation.library.models import Article

__all__ = ["add_photo", "Newsroom", "reopened"]


@dataclass(frozen=True)
class Newsroom:
    story: int
    other: int
    other_slug: str
    empty: int
    photo: int
    authors: list[int]
    sections: list[int]


@pytest.fixture
def newsroom(library: Library, tmp_path: Path) -> Newsroom:
    """Two sections, two authors, a credited photo, and three articles (one published)."""
    from workstation.library.articles import find_or_create_section, new_article, set_bylines, set_tags
    from workstation.library.authors import create_author
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_file

    picture = tmp_path / "river.jpg"
    Image.new("RGB", (320, 200), (40, 90, 140)).save(picture, "JPEG")
    with library.transaction() as session:
        news = find_or_create_section(session, "News Feed")
        culture = find_or_create_section(session, "Culture")
        olena = create_author(session, "Olena Koval", role="Reporter")
        taras = create_author(session, "Taras Bondar", role="Photo editor")
        photo, _new = add_photo(session, ingest_file(picture))
        photo.creator, photo.credit_line, photo.alt_text = "Taras Bondar", "Workstation Agency", "A river at dawn"
        story = new_article(session, "Power returns to the river districts")
        story.body = "The first paragraph is here.\n\nThe second paragraph follows it."
        story.dek = "Crews worked through the night."
        story.section_id = news.id
        set_bylines(session, story, [olena, taras])
        set_tags(session, story, ["energy", "Kyiv"])
        other = new_article(session, "Bridge reopens to traffic")
        other.body = "Cars crossed again on Tuesday."
        other.status = "published"
        empty = new_article(session, "Notes")
        session.flush()
        return Newsroom(
            story.id, other.id, other.slug, empty.id, photo.id, [olena.id, taras.id], [news.id, culture.id]
        )


@pytest.fixture
def other_desk(library: Library):
    """Another person's desk on the same library file or newsroom: Olena Marchenko's, while ``library`` is Taras Bondar's."""
    library.user = "Taras Bondar"
    where = library.path if library.path is not None else library.url  # type: ignore[attr-defined]
    other = open_library(where, user="Olena Marchenko")
    yield other
    other.close()


def reopened(where: Path | Library, article_id: int) -> ArticleState:
    """The article as a new connection to the file (or to the newsroom of an open ``Library``) reads it."""
    if isinstance(where, Library):
        where = where.path if where.path is not None else where.url  # type: ignore[attr-defined]
    with open_library(where, readonly=True) as lib, lib.session() as session:
        return article_state(session.get(Article, article_id))
