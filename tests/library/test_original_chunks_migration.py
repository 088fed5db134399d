"""Migration 0011 cuts the originals of an older library or newsroom into chunks; a dropped connection keeps nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.exc import DBAPIError

from tests.library.conftest import make_library_at_revision
from tests.library.test_original_store import jpeg_with_tail, streamed
from workstation.errors import LibraryError
from workstation.library.database import open_library
from workstation.library.models import Photo, PhotoOriginal
from workstation.library.newsroom import init_newsroom
from workstation.library.original_store import CHUNK
from workstation.library.photos import add_photo, load_original
from workstation.publish.preflight import integrity

OLD_PHOTO = (
    "INSERT INTO photos (id, sha256, mime, width, height, size_bytes, original_filename, caption, alt_text, headline, "
    "creator, credit_line, credit_override, source, copyright_notice, usage_terms, city, region, country, focal_x, "
    "focal_y, embedded_metadata, imported_at, updated_at) VALUES (:id, :sha, 'image/jpeg', 64, 48, :size, 'old.jpg', "
    "'', '', '', '', '', '', '', '', '', '', '', '', 0.5, 0.5, '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
)


def old_rows(connection, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """A whole original in one row, as revision 0009 kept it, and a damaged one beside it."""
    for photo_id, stored, sha in ((1, data, hashlib.sha256(data).hexdigest()), (2, b"bitrot", "0" * 64)):
        connection.execute(text(OLD_PHOTO), {"id": photo_id, "sha": sha, "size": len(stored)})
        connection.execute(text("INSERT INTO photo_originals (photo_id, data) VALUES (:id, :data)"),
                           {"id": photo_id, "data": stored})


def assert_cut(library, data: bytes) -> None:  # type: ignore[no-untyped-def]
    with library.session() as session:
        sizes = session.execute(
            select(PhotoOriginal.seq, func.length(PhotoOriginal.data)).where(PhotoOriginal.photo_id == 1)
            .order_by(PhotoOriginal.seq)
        ).all()
        assert [tuple(row) for row in sizes] == [(0, CHUNK), (1, CHUNK), (2, len(data) - 2 * CHUNK)]
        assert load_original(session, 1) == data
        assert [(finding.kind, finding.subject) for finding in integrity(session)] == [("damaged-photo", "photo 2")]


def test_a_library_file_from_0009_has_its_originals_cut_into_chunks(tmp_path: Path) -> None:
    path = tmp_path / "old.wslib"
    make_library_at_revision(path, "0009")
    data = jpeg_with_tail(2 * CHUNK + 77)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        old_rows(connection, data)
    engine.dispose()
    with open_library(path) as library:
        assert_cut(library, data)
    triggers = sqlite3.connect(path).execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'photo_originals'"
    ).fetchone()
    assert triggers == (3,)


def test_a_newsroom_from_0009_has_its_originals_cut_into_chunks(postgres_server) -> None:  # type: ignore[no-untyped-def]
    from workstation.library.migrating import upgrade

    url = postgres_server.url(postgres_server.create_database())
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    data = jpeg_with_tail(2 * CHUNK + 77)
    with engine.begin() as connection:
        upgrade(connection, "0009")
        old_rows(connection, data)
    engine.dispose()
    assert init_newsroom(url) == "upgraded from schema 0009"
    with open_library(url) as newsroom:
        assert_cut(newsroom, data)


def test_a_connection_dropped_while_an_original_is_stored_leaves_nothing(  # type: ignore[no-untyped-def]
    postgres_server, new_newsroom_url, tmp_path: Path
) -> None:
    path = tmp_path / "frame.jpg"
    path.write_bytes(jpeg_with_tail(3 * CHUNK))
    image = streamed(path)
    url = new_newsroom_url()
    with open_library(url) as newsroom:

        def drop_at_second_chunk(connection, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
            # The chunks go in as (photo_id, seq, data): the second one is seq 1.
            if statement.startswith("INSERT INTO photo_originals") and parameters[1] == 1:
                backend = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
                with postgres_server.admin() as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", [backend])

        event.listen(newsroom.engine, "before_cursor_execute", drop_at_second_chunk)
        with pytest.raises((LibraryError, DBAPIError)):
            with newsroom.transaction() as session:
                add_photo(session, image)
        event.remove(newsroom.engine, "before_cursor_execute", drop_at_second_chunk)
    with open_library(url) as newsroom, newsroom.session() as session:
        assert session.scalar(select(func.count()).select_from(Photo)) == 0
        assert session.scalar(select(func.count()).select_from(PhotoOriginal)) == 0
