"""Slugs are one address whatever their case: lookups ignore case, and migration 0004 resolves old clashes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.library.conftest import make_library_at_revision, sql
from workstation.errors import ValidationError
from workstation.library.articles import find_article, find_or_create_section, set_slug
from workstation.library.authors import create_author, find_author
from workstation.library.database import HEAD, Library, open_library
from workstation.library.models import Article, Author

NOW = "2025-01-01T00:00:00+00:00"


def _author(path: Path, row_id: int, slug: str, name: str) -> None:
    sql(path, "INSERT INTO authors(id, slug, name, role, bio, email, website, location, social_links, avatar_mime, "
        "created_at, updated_at) VALUES (?, ?, ?, '', '', '', '', '', '[]', '', ?, ?)", row_id, slug, name, NOW, NOW)


def _article(path: Path, row_id: int, slug: str) -> None:
    sql(path, "INSERT INTO articles(id, slug, headline, dek, body, status, created_at, updated_at, seo_title, "
        "seo_description, feature_caption, feature_alt) VALUES (?, ?, ?, '', 'Body.', 'draft', ?, ?, '', '', '', '')",
        row_id, slug, f"Headline {row_id}", NOW, NOW)


@pytest.fixture
def clashing_library(tmp_path: Path) -> Path:
    """A library at revision 0003 holding slugs that differ only in case or normal form."""
    path = tmp_path / "clash.wslib"
    make_library_at_revision(path, "0003")
    _author(path, 1, "olena", "Olena Koval")
    _author(path, 2, "Olena", "Olena Petrenko")
    _author(path, 3, "olena-2", "Someone Else")
    _article(path, 1, "kyiv")
    _article(path, 2, "KYIV")
    _article(path, 3, "caf\u00e9")
    _article(path, 4, "cafe\u0301")
    sql(path, "INSERT INTO sections(id, slug, name, description, position) VALUES (1, 'news', 'News', '', 0)")
    sql(path, "INSERT INTO sections(id, slug, name, description, position) VALUES (2, 'NEWS', 'NEWS', '', 1)")
    return path


def test_the_upgrade_renames_the_later_of_two_clashing_slugs_and_keeps_every_row(clashing_library: Path) -> None:
    with open_library(clashing_library):
        pass
    assert sql(clashing_library, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert sql(clashing_library, "SELECT id, slug, name FROM authors ORDER BY id") == [
        (1, "olena", "Olena Koval"), (2, "Olena-3", "Olena Petrenko"), (3, "olena-2", "Someone Else")]
    assert sql(clashing_library, "SELECT id, slug FROM articles ORDER BY id") == [
        (1, "kyiv"), (2, "KYIV-2"), (3, "caf\u00e9"), (4, "cafe\u0301-2")]
    assert sql(clashing_library, "SELECT id, slug FROM sections ORDER BY id") == [(1, "news"), (2, "NEWS-2")]


def test_after_the_upgrade_the_database_refuses_a_slug_differing_only_in_case(clashing_library: Path) -> None:
    with open_library(clashing_library):
        pass
    with pytest.raises(sqlite3.IntegrityError):
        _author(clashing_library, 9, "OLENA", "Another Olena")


def test_a_library_without_clashes_keeps_every_slug_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "clean.wslib"
    make_library_at_revision(path, "0003")
    _author(path, 1, "Maren-Holt", "Maren Holt")
    with open_library(path):
        pass
    assert sql(path, "SELECT slug FROM authors") == [("Maren-Holt",)]


def test_an_author_is_found_by_a_slug_in_another_case(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Olena Koval", slug="olena-koval")
    with library.session() as session:
        found = find_author(session, "OLENA-KOVAL")
        assert found is not None and found.slug == "olena-koval"


def test_an_article_is_found_by_a_slug_in_another_case(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="night-train", headline="Night train"))
    with library.session() as session:
        found = find_article(session, "Night-Train")
        assert found is not None and found.slug == "night-train"


def test_a_section_named_in_another_case_is_the_same_section(library: Library) -> None:
    with library.transaction() as session:
        first = find_or_create_section(session, "news")
        assert find_or_create_section(session, "NEWS").id == first.id


def test_setting_a_slug_another_article_has_in_another_case_is_refused(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="kyiv", headline="Kyiv"))
        other = Article(slug="lviv", headline="Lviv")
        session.add(other)
        session.flush()
        with pytest.raises(ValidationError):
            set_slug(session, other, "KYIV")


def test_a_legacy_upper_case_slug_is_not_given_again_in_lower_case(library: Library) -> None:
    with library.transaction() as session:
        session.add(Author(slug="Maren", name="Maren Holt"))
    with library.transaction() as session:
        created = create_author(session, "Maren")
    assert created.slug == "maren-2"
    with library.session() as session:
        assert sorted(session.scalars(select(Author.slug))) == ["Maren", "maren-2"]
