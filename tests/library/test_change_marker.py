"""The change marker: every write to the library's content gives it a new value; reads leave it alone."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from workstation.library.changes import read_marker, session_marker
from workstation.library.database import Library
from workstation.library.models import Article, Author, Photo, Section, Tag
from workstation.library.photos import add_photo
from workstation.library.search import search
from workstation.library.settings import load_settings, save_settings
from workstation.photos.ingest import ingest_bytes


def marker(library: Library) -> str | None:
    with library.session() as session:
        return session_marker(session)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def article(library: Library) -> Library:
    with library.transaction() as session:
        session.add(Article(slug="river", headline="The river", body="Water rose.", status="published"))
    return library


@pytest.mark.both_backends
def test_a_new_library_has_a_marker(library: Library) -> None:
    assert marker(library)


@pytest.mark.both_backends
def test_an_article_edit_changes_the_marker(article: Library) -> None:
    before = marker(article)
    with article.transaction() as session:
        session.query(Article).filter_by(slug="river").one().body = "Water rose again."
    assert marker(article) != before


@pytest.mark.both_backends
def test_adding_and_deleting_an_article_each_change_the_marker(library: Library) -> None:
    first = marker(library)
    with library.transaction() as session:
        session.add(Article(slug="new", headline="New", body="Text."))
    second = marker(library)
    with library.transaction() as session:
        session.delete(session.query(Article).filter_by(slug="new").one())
    assert len({first, second, marker(library)}) == 3


@pytest.mark.both_backends
def test_an_author_edit_changes_the_marker(library: Library) -> None:
    with library.transaction() as session:
        session.add(Author(slug="olena", name="Olena", bio="Reports."))
    before = marker(library)
    with library.transaction() as session:
        session.query(Author).filter_by(slug="olena").one().role = "Editor"
    assert marker(library) != before


@pytest.mark.both_backends
def test_a_new_photo_and_a_caption_change_the_marker(library: Library) -> None:
    before = marker(library)
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(jpeg(), "square.jpg"))
        photo_id = photo.id
    added = marker(library)
    with library.transaction() as session:
        session.get(Photo, photo_id).caption = "The square at dawn"
    assert len({before, added, marker(library)}) == 3


@pytest.mark.both_backends
def test_a_settings_change_changes_the_marker(library: Library) -> None:
    before = marker(library)
    with library.transaction() as session:
        settings = load_settings(session)
        settings.site_name = "The River Gazette"
        save_settings(session, settings)
    assert marker(library) != before


@pytest.mark.both_backends
def test_a_section_and_a_tag_change_the_marker(article: Library) -> None:
    before = marker(article)
    with article.transaction() as session:
        session.add(Section(slug="culture", name="Culture"))
    with_section = marker(article)
    with article.transaction() as session:
        session.query(Article).filter_by(slug="river").one().tags = [Tag(slug="floods", name="Floods")]
    assert len({before, with_section, marker(article)}) == 3


@pytest.mark.both_backends
def test_reads_leave_the_marker_alone(article: Library) -> None:
    before = marker(article)
    with article.session() as session:
        session.query(Article).all()
        load_settings(session)
        search(session, "river")
    assert marker(article) == before


@pytest.mark.both_backends
def test_a_rolled_back_write_leaves_the_marker_alone(article: Library) -> None:
    before = marker(article)
    with pytest.raises(RuntimeError), article.transaction() as session:
        session.query(Article).filter_by(slug="river").one().body = "Never saved."
        raise RuntimeError("cancelled")
    assert marker(article) == before


def test_a_write_from_outside_the_app_changes_the_marker(article: Library) -> None:
    path = Path(article.path)
    article.close()
    before = read_marker(path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE articles SET headline = 'Edited in the sqlite3 shell'")
    connection.close()
    assert read_marker(path) not in (None, before)


def test_the_marker_is_read_without_opening_the_library(library: Library) -> None:
    assert read_marker(Path(library.path)) == marker(library)


def test_a_file_that_is_no_library_has_no_marker(tmp_path: Path) -> None:
    (tmp_path / "notes.wslib").write_text("not a database")
    assert read_marker(tmp_path / "notes.wslib") is None
    assert read_marker(tmp_path / "missing.wslib") is None


def test_the_marker_is_read_whatever_characters_the_path_holds(new_library_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "desk #2 ?draft 100%"
    folder.mkdir()
    path = new_library_file(folder / "my library.wslib")
    assert read_marker(path) == read_marker(new_library_file(tmp_path / "plain.wslib"))
    assert read_marker(path)


def test_a_schema_upgrade_changes_the_marker(library: Library) -> None:
    """Altering tables fires no trigger, so the schema revision is part of the marker."""
    path = Path(library.path)
    library.close()
    before = read_marker(path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    assert read_marker(path) not in (None, before)


@pytest.mark.both_backends
def test_a_correction_changes_the_marker(article: Library) -> None:
    from workstation.library.models import Correction

    before = marker(article)
    with article.transaction() as session:
        river = session.query(Article).filter_by(slug="river").one()
        session.add(Correction(article_id=river.id, text="The river rose 2 m, not 20 m."))
    assert marker(article) != before
