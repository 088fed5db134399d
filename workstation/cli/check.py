"""``workstation check LIBRARY``: integrity, then preflight; exit 1 on findings.

Integrity is SQLite's ``quick_check`` of every page (b-tree structure, free
list, record format) and every photo original against its SHA-256;
``--full`` runs SQLite's ``integrity_check`` instead, which also matches
every index against its table and takes about three times as long.

Findings go to stdout, one per line (``article <slug>: <message>``), so the
output can be piped; a library that cannot be used at all is exit 2.

A newsroom's pages are its PostgreSQL server's to keep, so there the check
is what Workstation can vouch for: the schema revision (opening refuses
any but this build's) and every photo original against its SHA-256. It
says so in its first line, so nobody takes it for a check of the server.

Reading every article's text is most of a check: on a library file whose
write lock is free, ``check`` takes it and keeps what it read of each
article (``publish.preflight_facts``), so the next check reads only the
articles written since. While another Workstation holds the library (or
the file cannot be written) it checks read-only, reusing what was kept
and keeping nothing.

A library file is checked in plain SQL (``publish.file_check``): the
command imports neither SQLAlchemy nor the models, and Markdown only when
a text must be read afresh. A newsroom is checked through the ORM, which
opening it has loaded anyway.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.cli.targets import add_library_argument, named
from workstation.cli.terminal import complain, say, say_lines
from workstation.errors import LibraryError
from workstation.library.database import HEAD, Library, check_writable, inspect_file, is_newsroom_url, open_library
from workstation.library.lock import LibraryLock
from workstation.publish.check_originals import Originals, originals_beside

if TYPE_CHECKING:
    from workstation.publish.preflight import Finding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("--all", action="store_true", help="check every article, not only published ones")
    parser.add_argument("--full", action="store_true",
                        help="run SQLite's full integrity_check, which also matches every index against its table "
                             "(by default its quick_check: every page, b-tree structure, free list and record format)")


def _writer_lock(library: str) -> LibraryLock | None:
    """The write lock of a library file this build can write at its revision, when it is free; else None.

    An older library is not upgraded by a check: it is read (and refused) as before.
    """
    path = Path(library)
    if is_newsroom_url(library) or not path.is_file():
        return None
    try:
        if inspect_file(path).revision != HEAD:
            return None
        check_writable(path)
        lock = LibraryLock(path)
        return lock if lock.acquire() else None
    except LibraryError:
        return None


def _newsroom_check(library: Library, address: str, published_only: bool, full: bool) -> list[Finding]:
    """What Workstation can vouch for in a newsroom, through the ORM (a newsroom has imported it anyway)."""
    from sqlalchemy import func, select

    from workstation.library.models import Photo
    from workstation.publish.preflight import check_all

    with library.session() as session:
        photos = session.scalar(select(func.count()).select_from(Photo)) or 0
        say(
            f"{named(address)}: newsroom at schema revision {HEAD} (this build's); checking "
            f"{photos} photo original{'s' if photos != 1 else ''} against their SHA-256, then preflight "
            "(the database's own pages are the PostgreSQL server's to check)"
        )
        return check_all(session, published_only=published_only, full=full)


def run(args: argparse.Namespace) -> int:
    if is_newsroom_url(args.library):
        return _check(args, None)
    # A library file's originals go to a worker forked first: before this process opens the file at all, and
    # before it imports preflight, which it then does while the worker checks originals on the other core.
    with originals_beside(Path(args.library)) as originals:
        return _check(args, originals)


def _check(args: argparse.Namespace, originals: Originals | None) -> int:
    from workstation.publish.file_check import check_file  # imports preflight: after the worker's fork (``run``)
    from workstation.publish.preflight import finding_lines, without_cycle_collection

    # Through the printing too: the findings are made by then, and none is in a cycle.
    with without_cycle_collection():
        if is_newsroom_url(args.library):
            with open_library(args.library, readonly=True) as library:
                findings = _newsroom_check(library, args.library, not args.all, args.full)
        else:
            lock = _writer_lock(args.library)
            try:
                with open_library(args.library, readonly=lock is None) as library:
                    findings = check_file(library, published_only=not args.all, keep=lock is not None,
                                          full=args.full, originals=originals)
            finally:
                if lock is not None:
                    lock.release()
        if findings:
            say_lines(finding_lines(findings))
            complain(f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found")
            return 1
        say(f"{named(args.library)}: no problems found")
        return 0
