"""The photo originals of a library file, checked in a worker process forked as ``workstation check`` starts.

Hashing every original is Python work: beside preflight, in this
process, the two would wait for each other's hold on Python's lock at
every row. Where this process may fork, the command hands them to a
worker process instead (``originals_beside``), forked before it opens any
connection to the library (SQLite's own state must not cross a fork).

This module imports only what the worker needs, not preflight
(``publish.file_check`` does), so that the command forks it first: the
worker is checking originals on the other core while this process still
imports the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.database import HEAD, inspect_file, reader_connection
from workstation.library.original_verdicts import damaged_in_file
from workstation.publish.parallel import forking_is_safe, job_pool

# Bytes of the library file a check reads through a memory map; SQLite caps it at its build's limit (2 GiB by default).
MAPPED_BYTES = 1 << 40


@contextmanager
def own_reader(path: Path, closing: Callable[[Callable[[], None]], object] | None = None
               ) -> Iterator[sqlite3.Connection]:
    """A mapped read-only connection of this thread's own, in one read transaction; a damaged file says so.

    Closing the connection unmaps the file: for a decade's archive read
    whole, a tenth of a second of the kernel's time. ``closing`` is given
    the close to do later (a thread's next task) when that should not keep
    the reader's caller waiting; the read transaction has ended by then,
    so no checkpoint waits for it.
    """
    connection = reader_connection(path)
    try:
        connection.execute(f"PRAGMA mmap_size = {MAPPED_BYTES}")
        connection.execute("BEGIN")
        yield connection
        connection.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"the library file is damaged ({exc})") from None
    finally:
        if closing is None or connection.in_transaction:
            connection.close()
        else:
            closing(connection.close)


# The damaged originals of a library file, worked out in a forked worker (``originals_beside``).
Originals = Future[list[tuple[int, str]]]


def _damaged_originals(path: Path) -> list[tuple[int, str]]:
    """In a worker: every damaged original of the file at ``path`` (``damaged_in_file``), on a reader of its own.

    Only a library at this build's revision is read: the command refuses
    any other (and its verdict stands alone), and even a read-only
    connection would leave SQLite's log files beside a refused library.
    """
    if inspect_file(path).revision != HEAD:
        return []
    with own_reader(path) as connection:
        return list(damaged_in_file(connection))


@contextmanager
def originals_beside(path: Path) -> Iterator[Originals | None]:
    """The originals of the library file at ``path`` checked in a forked worker, started now; None where
    this process may not fork (``file_check.check_file`` then checks them on its own thread).

    Entered before this process opens any connection to the library: the
    worker opens its own, and inherits none of SQLite's state for the file.
    """
    if not forking_is_safe() or not path.is_file():
        yield None
        return
    with job_pool(1, processes=True) as pool:
        assert isinstance(pool, ProcessPoolExecutor)
        originals = pool.submit(_damaged_originals, path)
        try:
            yield originals
        finally:
            originals.cancel()
