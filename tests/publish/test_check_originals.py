"""``own_reader``: a check's mapped reader, closed at once or handed on to be closed later (closing unmaps the file)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from workstation.errors import LibraryError
from workstation.publish.check_originals import own_reader


def test_a_reader_is_closed_when_its_block_ends(new_library_file) -> None:  # type: ignore[no-untyped-def]
    with own_reader(new_library_file()) as connection:
        assert connection.in_transaction
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")


def test_a_reader_handed_on_is_closed_by_whoever_took_it_with_its_transaction_ended(
    new_library_file,  # type: ignore[no-untyped-def]
) -> None:
    handed: list[Callable[[], None]] = []
    with own_reader(new_library_file(), handed.append) as connection:
        connection.execute("SELECT count(*) FROM articles").fetchone()
    assert len(handed) == 1
    assert not connection.in_transaction  # no checkpoint waits for a reader still to be closed
    handed[0]()
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")


def test_a_reader_whose_block_failed_is_closed_at_once_not_handed_on(new_library_file) -> None:  # type: ignore[no-untyped-def]
    handed: list[Callable[[], None]] = []
    with pytest.raises(LibraryError, match="damaged"), own_reader(new_library_file(), handed.append) as connection:
        raise sqlite3.DatabaseError("database disk image is malformed")
    assert handed == []
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")

