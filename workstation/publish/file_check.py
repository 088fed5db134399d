"""``workstation check`` of a library file: every page, every photo original and preflight, side by side.

A decade's archive (100,000 articles, 300,000 photos) is checked in
seconds, counted from the command's start, so nothing here imports
SQLAlchemy, the models or the Markdown dialect (which only an article
whose text must be read afresh needs), and two readers work at once:

* integrity on a connection and thread of its own: SQLite's page check
  (``preflight.pages_sound``), all in SQLite's C code, which leaves
  Python's lock free, then the photo originals
  (``original_verdicts.damaged_in_file``: SQLite reading them, hashing
  through Python);
* preflight (``preflight.read_preflight``) on the library's own connection,
  in the write transaction that keeps what it read when this process holds
  the write lock, else in a read transaction.

The originals follow the page check rather than run beside preflight:
both need Python's lock for every row, and two threads that do make each
wait for the other at every row. Where this process may fork, the command
hands them to a worker process instead (``check_originals.originals_beside``),
forked before it opens any connection to the library (SQLite's own state
must not cross a fork), so their Python work runs on the other core
meanwhile.

Each reads the file through a memory map: a check reads nearly every page,
and copying each through a ``read`` call is about a third of SQLite's page
check. (A mapped file cut short by another program would stop the
process, as SQLite's documentation warns; Workstation itself never shrinks
a library file: no VACUUM, no auto-vacuum.) A damaged file is reported as
such even when reading it elsewhere failed too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.database import Library
from workstation.library.original_verdicts import damaged_in_file
from workstation.publish.check_originals import MAPPED_BYTES, Originals, own_reader
from workstation.publish.preflight import (
    Finding,
    original_findings,
    pages_sound,
    read_preflight,
    without_cycle_collection,
)


@contextmanager
def _as_checked(connection: sqlite3.Connection) -> Iterator[None]:
    """``connection`` reads the file mapped, and leaves checking each page's cells to the page check, meanwhile.

    Every connection to a library checks the cells of each page it loads
    (``database._harden``); preflight loads a page for each article's lead
    photo and kept facts, and each text read afresh with its overflow
    pages, and checking them there is half of its time. ``pages_sound``
    checks every cell of every page once, beside it, and its verdict comes
    first: whatever was read from a damaged page is never reported.
    """
    before = [connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("mmap_size", "cell_size_check")]
    connection.execute(f"PRAGMA mmap_size = {MAPPED_BYTES}")
    connection.execute("PRAGMA cell_size_check = OFF")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA mmap_size = {before[0]}")
        connection.execute(f"PRAGMA cell_size_check = {before[1]}")


def _integrity(path: Path, full: bool, originals: Originals | None,
               closing: Callable[[Callable[[], None]], object]) -> list[Finding]:
    """Every page, then every original (``integrity``), on a connection of its own, closed by ``closing``."""
    with own_reader(path, closing) as connection:
        pages_sound(connection, full)
        if originals is not None:
            return original_findings(originals.result())
        return original_findings(damaged_in_file(connection))


def _preflight(library: Library, published_only: bool, keep: bool) -> list[Finding]:
    findings = None
    try:
        with (library.writing() if keep else library.reading()) as plain, _as_checked(plain.connection):
            findings = read_preflight(plain, published_only, kept=True, keep=keep)
    except LibraryError:
        if findings is None:
            raise
        # Keeping what was read failed at the commit: it only saves the next check time; the findings stand.
    return findings


@without_cycle_collection()
def check_file(library: Library, *, published_only: bool = True, keep: bool = False,
               full: bool = False, originals: Originals | None = None) -> list[Finding]:
    """``integrity`` then ``preflight`` of a library file, as ``workstation check`` reports them.

    ``keep``: this process holds the library's write lock, and keeps the
    facts it read of each article's text (``preflight_facts``). ``full``
    runs SQLite's ``integrity_check`` instead of its ``quick_check``.
    ``originals``: the originals' verdicts from ``check_originals.originals_beside``, else
    they are worked out here. Raises ``LibraryError`` when the file's
    structure is damaged, before any other finding.
    """
    assert library.path is not None
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="check")
    try:
        # The page check's connection is closed as the thread's next task, while the findings are reported:
        # closing it unmaps the whole file (``own_reader``). Python waits for it before it exits.
        integrity = pool.submit(_integrity, library.path, full, originals, pool.submit)
        try:
            checked = _preflight(library, published_only, keep)
        except Exception:
            integrity.result()
            raise
        return integrity.result() + checked
    finally:
        pool.shutdown(wait=False)
