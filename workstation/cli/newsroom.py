"""``workstation newsroom init URL``: make (or upgrade) a shared newsroom's schema on a PostgreSQL server.

The URL goes to libpq as written (``postgresql://USER@HOST/DB``, or
``postgresql:///DB?service=NAME``); the password comes from a service file,
``PGPASSFILE`` or libpq's defaults, and is never printed.
"""

from __future__ import annotations

import argparse

from workstation.cli.terminal import say
from workstation.errors import LibraryError
from workstation.library.database import is_newsroom_url


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    init = actions.add_parser("init", help="create the newsroom's tables in an empty database, or upgrade them")
    init.add_argument("url", help="postgresql://USER@HOST/DATABASE (settings may come from a service file)")


def run(args: argparse.Namespace) -> int:
    if not is_newsroom_url(args.url):
        # Not echoed: a mistyped address may still hold a password.
        raise LibraryError("newsroom init: not a newsroom address (it must begin with postgresql://)")
    from workstation.library.newsroom import init_newsroom, shown

    outcome = init_newsroom(args.url)
    say(f"{shown(args.url)}: newsroom {outcome}")
    return 0
