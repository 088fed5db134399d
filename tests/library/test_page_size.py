"""A new library stores photo originals in pages of 32 KiB; an existing file keeps its own page size.

A 1 MiB chunk of an original is a chain of overflow pages, and SQLite pays
per page: at its default of 4 KiB, storing a camera JPEG cost twice as
much. The log is checkpointed after the same 16 MiB whatever a file's
page size.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.library.conftest import sql
from workstation.library.database import CHECKPOINT_BYTES, PAGE_SIZE, create_library, open_library
from workstation.library.models import Setting


def with_small_pages(path: Path) -> None:
    """Rewrite ``path`` with SQLite's default 4 KiB pages, as every library made before was."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA page_size = 4096")
        connection.execute("VACUUM")
    finally:
        connection.close()


def checkpoint_pages(path: Path) -> int:
    library = open_library(path)
    try:
        with library.session() as session:
            return session.connection().exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    finally:
        library.close()


def test_a_new_library_has_pages_of_32_kib(tmp_path: Path) -> None:
    create_library(tmp_path / "new.wslib").close()
    assert PAGE_SIZE == 32_768
    assert sql(tmp_path / "new.wslib", "PRAGMA page_size") == [(32_768,)]


def test_an_existing_library_keeps_its_page_size_when_written(tmp_path: Path) -> None:
    path = tmp_path / "old.wslib"
    create_library(path).close()
    with_small_pages(path)
    library = open_library(path)
    with library.transaction() as session:
        session.add(Setting(key="written", value="after opening"))
    library.close()
    assert sql(path, "PRAGMA page_size") == [(4096,)]
    assert sql(path, "SELECT value FROM settings WHERE key = 'written'") == [("after opening",)]


def test_the_log_is_checkpointed_after_16_mib_whatever_the_page_size(tmp_path: Path) -> None:
    new, old = tmp_path / "new.wslib", tmp_path / "old.wslib"
    create_library(new).close()
    create_library(old).close()
    with_small_pages(old)
    assert CHECKPOINT_BYTES == 16 * 1024 * 1024
    assert checkpoint_pages(new) == CHECKPOINT_BYTES // 32_768
    assert checkpoint_pages(old) == CHECKPOINT_BYTES // 4096
