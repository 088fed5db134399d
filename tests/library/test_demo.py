"""The demo library and the default library made from it on first run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.content.references import article_refs, photo_refs
from workstation.errors import LibraryError
from workstation.library.database import open_library
from workstation.library.default import default_library_path, ensure_default_library
from workstation.library.demo import create_demo_library
from workstation.library.models import Article, Author, Photo, Section
from workstation.library.settings import load_settings


@pytest.fixture(scope="module")
def demo(demo_library: Path) -> Session:
    library = open_library(demo_library, readonly=True)
    session = library.session()
    yield session
    session.close()
    library.close()


def test_the_demo_has_at_least_six_articles_in_two_sections(demo: Session) -> None:
    assert demo.scalar(select(func.count()).select_from(Article)) >= 6
    assert demo.scalar(select(func.count(func.distinct(Article.section_id)))) >= 2


def test_every_demo_article_has_a_lead_photo_and_a_byline(demo: Session) -> None:
    for article in demo.scalars(select(Article)):
        assert article.feature_photo is not None and article.bylines, article.slug


def test_the_demo_shows_inline_figures_a_video_a_related_card_and_a_shared_byline(demo: Session) -> None:
    bodies = [a.body for a in demo.scalars(select(Article))]
    assert any(photo_refs(body) for body in bodies)
    assert any(article_refs(body) for body in bodies)
    assert any("youtube.com" in body or "vimeo.com" in body or "youtu.be" in body for body in bodies)
    assert any(len(a.bylines) >= 2 for a in demo.scalars(select(Article)))


def test_the_demo_has_three_authors_with_avatars_and_bios(demo: Session) -> None:
    authors = demo.scalars(select(Author)).all()
    assert len(authors) >= 3
    assert all(a.avatar and a.bio for a in authors)


def test_the_demo_photos_carry_captions_and_credits_read_from_the_files(demo: Session) -> None:
    photos = demo.scalars(select(Photo)).all()
    assert len(photos) >= 8
    assert all(p.caption and (p.creator or p.credit_line) for p in photos)


def test_the_demo_refers_to_photos_in_the_library_not_to_paths(demo: Session) -> None:
    ids = set(demo.scalars(select(Photo.id)))
    for article in demo.scalars(select(Article)):
        assert set(photo_refs(article.body)) <= ids
        assert ".jpg" not in article.body


def test_the_demo_names_its_site(demo: Session) -> None:
    assert load_settings(demo).site_name == "The Millbrook Courier"


def test_the_demo_never_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.wslib"
    path.write_text("my work")
    with pytest.raises(LibraryError, match="already exists"):
        create_demo_library(path)
    assert path.read_text() == "my work"


def test_a_broken_sample_leaves_no_library_behind(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "bad.md").write_text("---\nstatus: archived\n---\n")
    with pytest.raises(LibraryError, match="bad.md"):
        create_demo_library(tmp_path / "demo.wslib", source=sample)
    assert [p.name for p in tmp_path.iterdir()] == ["sample"]


def test_the_default_library_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_library_path() == tmp_path / "data" / "Workstation" / "Library.wslib"


def test_the_default_library_is_made_from_the_demo_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = ensure_default_library()
    with open_library(path) as library, library.transaction() as session:
        session.add(Section(slug="mine", name="Mine"))
    assert ensure_default_library() == path
    with open_library(path) as library, library.session() as session:
        assert session.scalar(select(Section).where(Section.slug == "mine")) is not None


def test_a_data_folder_that_cannot_be_made_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(LibraryError, match="cannot create the data folder"):
        ensure_default_library()
