"""``Library.reading`` and ``Library.writing``: plain SQL on the library's own connection, in whole transactions."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.errors import LibraryError
from workstation.library.database import Library, open_library


def settings_value(library: Library, key: str) -> list[tuple[str]]:
    with library.reading() as plain:
        return plain.rows("SELECT value FROM settings WHERE key = ?", (key,))


@pytest.mark.both_backends
def test_a_write_block_that_fails_leaves_nothing_behind(library: Library) -> None:
    with pytest.raises(RuntimeError), library.writing() as plain:
        plain.run("INSERT INTO settings (key, value) VALUES (?, ?)", ("plain.test", "half"))
        raise RuntimeError("stopped midway")
    assert settings_value(library, "plain.test") == []
    with library.writing() as plain:
        plain.run("INSERT INTO settings (key, value) VALUES (?, ?)", ("plain.test", "whole"))
    assert settings_value(library, "plain.test") == [("whole",)]


def test_a_read_only_library_refuses_plain_writes(new_library_file) -> None:  # type: ignore[no-untyped-def]
    path: Path = new_library_file()
    with open_library(path, readonly=True) as readonly:
        with pytest.raises(LibraryError, match="read-only"), readonly.writing():
            pass
        assert settings_value(readonly, "site_name") == []


def test_the_plain_connection_is_closed_with_the_library_and_the_log_emptied(new_library_file) -> None:  # type: ignore[no-untyped-def]
    path: Path = new_library_file()
    library = open_library(path)
    with library.writing() as plain:
        plain.run("INSERT INTO settings (key, value) VALUES (?, ?)", ("plain.test", "kept"))
    library.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with open_library(path, readonly=True) as again:
        assert settings_value(again, "plain.test") == [("kept",)]
