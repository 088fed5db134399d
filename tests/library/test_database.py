"""The library file: models and constraints, pragmas, migrations, and refusing bad files untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from tests.library.conftest import file_digest, jpeg_bytes, make_library_at_revision, run_unprivileged, sql
from workstation.errors import LibraryError
from workstation.library.database import HEAD, Library, copy_library, create_library, is_library_file, open_library
from workstation.library.models import (
    Article,
    ArticleAuthor,
    Author,
    Photo,
    PhotoOriginal,
    PhotoThumbnail,
    Revision,
    Section,
)

KYIV = timezone(timedelta(hours=2))


def _photo(sha: str = "a" * 64, data: bytes = b"original bytes") -> Photo:
    photo = Photo(sha256=sha, mime="image/jpeg", width=4, height=3, size_bytes=len(data))
    photo.original = PhotoOriginal(data=data)
    photo.thumbnail = PhotoThumbnail(data=b"thumb", width=4, height=3)
    return photo


# --- models and constraints -------------------------------------------------


def test_two_articles_cannot_share_a_slug(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="kyiv-trams", headline="One"))
    with pytest.raises(IntegrityError):
        with library.transaction() as session:
            session.add(Article(slug="kyiv-trams", headline="Two"))


def test_the_file_itself_refuses_an_unknown_status(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a"))
    with pytest.raises(sqlite3.IntegrityError):
        sql(library.path, "UPDATE articles SET status = 'archived'")


def test_bylines_come_back_in_the_order_the_editor_chose(library: Library) -> None:
    with library.transaction() as session:
        first, second, third = (Author(slug=s, name=s.title()) for s in ("zoe", "adam", "mia"))
        article = Article(slug="a", headline="A")
        article.bylines = [
            ArticleAuthor(author=first, position=0),
            ArticleAuthor(author=second, position=1),
            ArticleAuthor(author=third, position=2),
        ]
        session.add(article)
    with library.session() as session:
        stored = session.scalars(select(Article)).one()
        assert [a.slug for a in stored.authors] == ["zoe", "adam", "mia"]


def test_deleting_an_article_deletes_its_bylines_and_revisions_but_not_its_authors(library: Library) -> None:
    with library.transaction() as session:
        article = Article(slug="a")
        article.bylines = [ArticleAuthor(author=Author(slug="x", name="X"), position=0)]
        article.revisions = [Revision(body="old")]
        session.add(article)
    sql(library.path, "DELETE FROM articles")
    assert sql(library.path, "SELECT count(*) FROM article_authors") == [(0,)]
    assert sql(library.path, "SELECT count(*) FROM revisions") == [(0,)]
    assert sql(library.path, "SELECT count(*) FROM authors") == [(1,)]


def test_an_author_still_in_a_byline_cannot_be_deleted(library: Library) -> None:
    with library.transaction() as session:
        article = Article(slug="a")
        article.bylines = [ArticleAuthor(author=Author(slug="x", name="X"), position=0)]
        session.add(article)
    with pytest.raises(sqlite3.IntegrityError):
        sql(library.path, "DELETE FROM authors")


def test_deleting_a_section_leaves_its_articles_unfiled(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a", section=Section(slug="news", name="News")))
    sql(library.path, "DELETE FROM sections")
    assert sql(library.path, "SELECT section_id FROM articles") == [(None,)]


def test_deleting_a_photo_removes_its_bytes_and_clears_it_as_a_feature(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a", feature_photo=_photo()))
    sql(library.path, "DELETE FROM photos")
    assert sql(library.path, "SELECT count(*) FROM photo_originals") == [(0,)]
    assert sql(library.path, "SELECT count(*) FROM photo_thumbnails") == [(0,)]
    assert sql(library.path, "SELECT feature_photo_id FROM articles") == [(None,)]


def test_a_byline_cannot_point_at_a_missing_author(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a"))
    with pytest.raises(sqlite3.IntegrityError):
        sql(library.path, "INSERT INTO article_authors(article_id, author_id, position) VALUES (1, 99, 0)")


def test_two_photos_cannot_share_a_content_hash(library: Library) -> None:
    with library.transaction() as session:
        session.add(_photo())
    with pytest.raises(IntegrityError):
        with library.transaction() as session:
            session.add(_photo())


def test_photo_bytes_and_avatars_are_not_loaded_with_their_records(library: Library) -> None:
    with library.transaction() as session:
        session.add(_photo(data=b"x" * 100_000))
        session.add(Author(slug="a", name="A", avatar=b"png"))
    with library.session() as session:
        photo = session.scalars(select(Photo)).one()
        author = session.scalars(select(Author)).one()
        assert {"original", "thumbnail"} <= inspect(photo).unloaded
        assert "avatar" in inspect(author).unloaded
        assert session.scalar(select(PhotoOriginal.data).where(PhotoOriginal.photo_id == photo.id)) == b"x" * 100_000


def test_dates_keep_the_time_zone_they_were_written_in(library: Library) -> None:
    written = datetime(2026, 3, 1, 9, 30, tzinfo=KYIV)
    with library.transaction() as session:
        session.add(Article(slug="a", published_at=written))
    with library.session() as session:
        stored = session.scalars(select(Article)).one().published_at
    assert stored == written and stored.utcoffset() == timedelta(hours=2)


def test_rights_expiry_is_a_plain_date(library: Library) -> None:
    with library.transaction() as session:
        photo = _photo()
        photo.rights_expiry = date(2027, 1, 31)
        session.add(photo)
    with library.session() as session:
        assert session.scalars(select(Photo)).one().rights_expiry == date(2027, 1, 31)


# --- the connection -------------------------------------------------------


def test_library_uses_wal_foreign_keys_and_a_busy_timeout(library: Library) -> None:
    with library.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_a_file_name_with_url_characters_names_that_file(tmp_path: Path) -> None:
    path = tmp_path / "Draft? #2 100%.wslib"
    with open_library(path, create=True) as lib:
        with lib.transaction() as session:
            session.add(Article(slug="a"))
    with open_library(path, readonly=True) as lib, lib.session() as session:
        assert session.scalars(select(Article.slug)).all() == ["a"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".wslib") == [path.name]


def test_a_failed_transaction_leaves_nothing_behind(library: Library) -> None:
    with pytest.raises(RuntimeError):
        with library.transaction() as session:
            session.add(Article(slug="a"))
            session.flush()
            raise RuntimeError("boom")
    assert sql(library.path, "SELECT count(*) FROM articles") == [(0,)]


def test_a_readonly_library_refuses_to_save(library: Library) -> None:
    library.close()
    with open_library(library.path, readonly=True) as lib:
        with pytest.raises(LibraryError, match="read-only"):
            with lib.transaction():
                pass


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.wslib"
    path.write_text("my notes")
    with pytest.raises(LibraryError, match="already exists"):
        create_library(path)
    assert path.read_text() == "my notes"


def test_creating_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        open_library(tmp_path / "nowhere" / "x.wslib", create=True)


def test_copy_library_copies_an_open_library_whole(library: Library, tmp_path: Path) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a", headline="Copied"))
    copy_library(library.path, tmp_path / "copy.wslib")
    with open_library(tmp_path / "copy.wslib") as copy, copy.session() as session:
        assert session.scalars(select(Article.headline)).all() == ["Copied"]


# --- migrations -----------------------------------------------------------


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    """A library made at the first schema revision, with an article, an author and a photo in it."""
    path = tmp_path / "old.wslib"
    make_library_at_revision(path, "0001")
    sql(path, "INSERT INTO authors(id, slug, name, role, bio, email, website, location, social_links, "
        "avatar_mime, created_at, updated_at) VALUES (1, 'olena', 'Олена Коваль', 'Reporter', 'Пише з Харкова', "
        "'', '', '', '[]', '', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')")
    sql(path, "INSERT INTO articles(id, slug, headline, dek, body, status, created_at, updated_at, seo_title, "
        "seo_description, feature_caption, feature_alt, published_at) VALUES (1, 'trams', 'Kharkiv trams run again', "
        "'', 'The depot reopened on Monday.', 'published', '2025-01-01T00:00:00+00:00', "
        "'2025-01-01T00:00:00+00:00', '', '', '', '', '2025-01-02T09:00:00+02:00')")
    sql(path, "INSERT INTO article_authors VALUES (1, 1, 0)")
    return path


def test_a_library_from_the_first_schema_opens_upgraded_with_its_data_intact(old_library: Path) -> None:
    with open_library(old_library) as lib, lib.session() as session:
        article = session.scalars(select(Article)).one()
        assert article.headline == "Kharkiv trams run again"
        assert article.published_at == datetime(2025, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=2)))
        assert [a.name for a in article.authors] == ["Олена Коваль"]
    assert sql(old_library, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_an_upgraded_library_can_search_what_was_written_before_the_upgrade(old_library: Path) -> None:
    open_library(old_library).close()
    assert sql(old_library, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'depot'") == [(1,)]
    assert sql(old_library, "SELECT rowid FROM authors_fts WHERE authors_fts MATCH 'Харкова'") == [(1,)]


def test_upgrading_leaves_a_backup_of_the_old_file_beside_it(old_library: Path) -> None:
    before = sql(old_library, "SELECT slug, headline, body FROM articles")
    open_library(old_library).close()
    backups = [p for p in old_library.parent.iterdir() if p.name.startswith("old.backup-schema0001-")]
    assert len(backups) == 1 and backups[0].suffix == ".wslib"
    assert sql(backups[0], "SELECT version_num FROM alembic_version") == [("0001",)]
    assert sql(backups[0], "SELECT slug, headline, body FROM articles") == before


def test_an_old_library_opened_read_only_is_refused_and_untouched(old_library: Path) -> None:
    digest = file_digest(old_library)
    with pytest.raises(LibraryError, match="older"):
        open_library(old_library, readonly=True)
    assert file_digest(old_library) == digest


def test_opening_an_up_to_date_library_makes_no_backup(library: Library) -> None:
    library.close()
    open_library(library.path).close()
    assert not [p for p in library.path.parent.iterdir() if "backup" in p.name]


# --- bad files are refused with one line, and left byte-for-byte as they were ----


def _text_file(path: Path) -> None:
    path.write_text("Dear editor,\nthis is a letter, not a library.\n")


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _jpeg(path: Path) -> None:
    path.write_bytes(jpeg_bytes())


def _real_library(path: Path, articles: int = 40) -> None:
    with open_library(path, create=True) as lib, lib.transaction() as session:
        for i in range(articles):
            session.add(Article(slug=f"story-{i}", headline=f"Story {i}", body=f"Paragraph {i}. " * 400))


def _truncated_library(path: Path) -> None:
    _real_library(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damaged_pages(path: Path) -> None:
    """Junk over a whole page, in the middle of the file, that holds article rows."""
    _real_library(path, articles=200)
    pages = [row[0] for row in sql(path, "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'")]
    page_size = sql(path, "PRAGMA page_size")[0][0]
    page = pages[len(pages) // 2]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))


def _plain_sqlite(path: Path) -> None:
    sql(path, "CREATE TABLE contacts (name TEXT, phone TEXT)")
    sql(path, "INSERT INTO contacts VALUES ('Olena', '+380 44 000 0000')")


def _future_library(path: Path) -> None:
    _real_library(path, articles=1)
    sql(path, "UPDATE alembic_version SET version_num = '9999'")


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "text file": (_text_file, "not an SQLite database"),
    "zero bytes": (_zero_bytes, "not an SQLite database"),
    "JPEG": (_jpeg, "not an SQLite database"),
    "truncated library": (_truncated_library, "damaged"),
    "damaged pages": (_damaged_pages, "damaged"),
    "SQLite but not a library": (_plain_sqlite, "not a Workstation library"),
    "library from a newer version": (_future_library, "newer version"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
@pytest.mark.parametrize("readonly", [False, True], ids=["edit", "readonly"])
def test_a_bad_file_is_refused_with_one_line_and_left_unchanged(tmp_path: Path, case: str, readonly: bool) -> None:
    make, expected = BAD_FILES[case]
    path = tmp_path / "library.wslib"
    make(path)
    digest = file_digest(path)
    with pytest.raises(LibraryError) as refusal:
        open_library(path, readonly=readonly)
    message = str(refusal.value)
    assert "\n" not in message
    assert str(path) in message and expected in message
    assert file_digest(path) == digest
    assert not [p for p in tmp_path.iterdir() if "backup" in p.name]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.wslib"
    folder.mkdir()
    with pytest.raises(LibraryError, match="not a file"):
        open_library(folder)
    assert list(folder.iterdir()) == []


def test_a_missing_file_is_refused_without_creating_it(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such library file"):
        open_library(tmp_path / "missing.wslib")
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_file_is_refused_and_unchanged(shared_dir: Path) -> None:
    path = shared_dir / "secret.wslib"
    _real_library(path, articles=1)
    digest = file_digest(path)
    path.chmod(0o000)
    result = run_unprivileged("check", path)
    path.chmod(0o644)
    assert result.returncode == 2
    assert result.stderr == f"workstation: {path}: cannot be read (Permission denied)\n"
    assert file_digest(path) == digest


def test_a_read_only_file_is_refused_for_writing_and_unchanged(shared_dir: Path) -> None:
    path = shared_dir / "archive.wslib"
    _real_library(path, articles=1)
    (shared_dir / "a.md").write_text("# New story\n")
    path.chmod(0o444)
    digest = file_digest(path)
    result = run_unprivileged("import", path, shared_dir / "a.md")
    assert result.returncode == 2
    assert result.stderr == f"workstation: {path}: the file is read-only; make it writable, or open it read-only\n"
    assert file_digest(path) == digest


def test_a_library_in_a_read_only_folder_can_still_be_read(shared_dir: Path) -> None:
    path = shared_dir / "archive.wslib"
    _real_library(path, articles=3)
    shared_dir.chmod(0o555)
    result = run_unprivileged("search", path, "paragraph")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert sorted(p.name for p in shared_dir.iterdir()) == ["archive.wslib"]


def test_a_library_cannot_be_created_in_a_read_only_folder(shared_dir: Path) -> None:
    shared_dir.chmod(0o555)
    result = run_unprivileged("demo", shared_dir / "new.wslib")
    assert result.returncode == 2
    assert result.stderr == (
        f"workstation: {shared_dir / 'new.wslib'}: cannot create a file in {shared_dir} (Permission denied)\n"
    )
    assert list(shared_dir.iterdir()) == []


def test_opening_read_only_never_writes_to_the_file(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="a"))
    library.close()
    digest = file_digest(library.path)
    with open_library(library.path, readonly=True) as lib, lib.session() as session:
        session.scalars(select(Article)).all()
    assert file_digest(library.path) == digest


def test_only_a_real_library_carries_the_library_signature(library: Library, tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    text = tmp_path / "notes.wslib"
    text.write_text("not a library")
    assert is_library_file(library.path)
    assert not is_library_file(plain) and not is_library_file(text) and not is_library_file(tmp_path / "missing")
