"""The LIBRARY argument of every command: a library file's path, or a newsroom's ``postgresql://`` URL.

Both are opened by the same ``database.open_library`` and worked on by the
same application layer; only what is around the opening differs. A file
has a write lock beside it (one writer, ``library.lock``); a newsroom has
no file and takes many writers, so it has none.

A newsroom's URL may carry a password, so no message ever prints the
argument as typed: a newsroom is named by ``newsroom.shown`` (user, host
and database), and an address with any other scheme (a typo such as
``postgresq://``, or ``mysql://``) is refused naming only its scheme.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.errors import LibraryLocked
from workstation.library.addresses import is_newsroom_url
from workstation.library.lock import LibraryLock
from workstation.regular_files import printable, printable_path

if TYPE_CHECKING:
    from workstation.library.database import Library

Target = Path | str
LIBRARY_HELP = "library file, or a newsroom's postgresql://USER@HOST/DATABASE"
# Anything that looks like an address (letters, then "://") rather than a file path.
_ADDRESS = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


def library_argument(text: str) -> Target:
    """An argparse type: a newsroom URL stays text (a ``Path`` would fold its ``//``); anything else is a path."""
    if is_newsroom_url(text):
        return text
    address = _ADDRESS.match(text)
    if address is not None:
        # Only the scheme is shown: the rest may hold a password.
        raise argparse.ArgumentTypeError(
            f"{printable(address.group(1)[:40])}://…: not a library file, and not a newsroom address "
            "(a newsroom's begins with postgresql://)"
        )
    return Path(text)


def add_library_argument(parser: argparse.ArgumentParser, **options: object) -> None:
    """The LIBRARY positional argument (``options``: argparse's, such as ``nargs`` or another ``help``)."""
    options.setdefault("help", LIBRARY_HELP)
    parser.add_argument("library", type=library_argument, metavar="LIBRARY", **options)  # type: ignore[arg-type]


def named(target: Target) -> str:
    """How messages name the library: its path, or the newsroom's address without its password."""
    if is_newsroom_url(target):
        from workstation.library.newsroom import shown

        return shown(str(target))
    return printable_path(target)


@contextmanager
def writable_library(target: Target) -> Iterator[Library]:
    """The library opened for writing: a file under its write lock (refused, exit 2, when another
    Workstation holds it); a newsroom as it is, its server taking every desk's writes."""
    # Imported here: parsing the argument must not load the database layer (``library.addresses``).
    from workstation.library.database import check_writable, inspect_file, open_library

    if is_newsroom_url(target):
        with open_library(target) as newsroom:
            yield newsroom
        return
    path = Path(target)
    inspect_file(path)
    check_writable(path)
    with LibraryLock(path) as lock:
        if not lock.held:
            holder = printable(lock.holder()) or "holder unknown"
            raise LibraryLocked(f"{printable_path(path)}: open in another Workstation ({holder}); close it first")
        with open_library(path) as library:
            yield library
