"""A normal close leaves every acknowledged change in the library file itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workstation.library.database import open_library
from workstation.library.models import Section


def sidecar_bytes(path: Path) -> int:
    """Bytes in the ``-wal`` file beside ``path`` (0 when there is none)."""
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_closing_leaves_no_wal_or_shm(new_library_file) -> None:  # type: ignore[no-untyped-def]
    path = new_library_file()
    library = open_library(path)
    with library.transaction() as session:
        session.add(Section(slug="news", name="News"))
    library.close()
    assert not path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-shm").exists()


def test_closing_while_a_reader_is_open_still_moves_every_change_into_the_file(new_library_file) -> None:  # type: ignore[no-untyped-def]
    path = new_library_file()
    reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        reader.execute("SELECT count(*) FROM sections").fetchone()
        library = open_library(path)
        with library.transaction() as session:
            session.add(Section(slug="news", name="News"))
        assert sidecar_bytes(path) > 0
        library.close()
        assert sidecar_bytes(path) == 0
    finally:
        reader.close()
    copy = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert copy.execute("SELECT slug FROM sections").fetchall() == [("news",)]
    finally:
        copy.close()
