"""The library's id made in plain SQL (a first export's way) follows the same rules as the ORM's."""

from __future__ import annotations

from workstation.library.cache_policy import LIBRARY_ID, ensure_id_plain, stored_id, valid_id
from workstation.library.database import Library


def stored(library: Library) -> str | None:
    with library.session() as session:
        return stored_id(session, LIBRARY_ID)


def test_a_library_without_an_id_gets_one_that_the_orm_reads(library: Library) -> None:
    with library.writing() as plain:
        plain.run("DELETE FROM settings WHERE key = ?", (LIBRARY_ID,))
    with library.writing() as plain:
        made = ensure_id_plain(plain, LIBRARY_ID)
    assert valid_id(made) == made and stored(library) == made


def test_a_kept_id_is_kept_and_a_damaged_one_replaced(library: Library) -> None:
    with library.writing() as plain:
        first = ensure_id_plain(plain, LIBRARY_ID)
    with library.writing() as plain:
        assert ensure_id_plain(plain, LIBRARY_ID) == first
        plain.run("UPDATE settings SET value = ? WHERE key = ?", ("../../etc", LIBRARY_ID))
    with library.writing() as plain:
        replaced = ensure_id_plain(plain, LIBRARY_ID)
    assert replaced != first and valid_id(replaced) == replaced and stored(library) == replaced
