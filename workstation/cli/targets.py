"""The LIBRARY argument of every command: a library file's path, or a newsroom's ``postgresql://`` URL.

Both are opened by the same ``database.open_library`` and worked on by the
same application layer; only what is around the opening differs (a file
has a write lock beside it, a newsroom's server takes many writers).

A newsroom's URL may carry a password, so no message prints the argument
as typed: a newsroom is named by ``newsroom.shown`` (user, host and
database), and an address with any other scheme (a typo such as
``postgresq://``, or ``mysql://``) is refused naming only its scheme
(``addresses.library_target``). Nothing here imports the database layer:
``workstation export`` parses its arguments before it knows whether it
will open a library at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.library.addresses import is_newsroom_url, library_target
from workstation.regular_files import printable_path

Target = Path | str
LIBRARY_HELP = "library file, or a newsroom's postgresql://USER@HOST/DATABASE"


def add_library_argument(parser: argparse.ArgumentParser, **options: object) -> None:
    """The LIBRARY positional argument (``options``: argparse's, such as ``nargs`` or another ``help``)."""
    options.setdefault("help", LIBRARY_HELP)
    parser.add_argument("library", type=library_target, metavar="LIBRARY", **options)  # type: ignore[arg-type]


def named(target: Target) -> str:
    """How messages name the library: its path, or the newsroom's address without its password."""
    if is_newsroom_url(target):
        from workstation.library.newsroom import shown

        return shown(str(target))
    return printable_path(target)
