"""``workstation take-out URL LIBRARY.wslib --article SLUG...``: articles taken offline from a newsroom.

The chosen articles, with their photos (originals too), authors, section
and tags, are copied into the library file (made if it does not exist),
which remembers where each came from and how it was, for ``workstation
bring-back`` (``editing.take_out``). Either every article named is copied,
or, on the first refusal, none is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import say
from workstation.errors import LibraryError
from workstation.library.database import is_newsroom_url, open_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", help="the newsroom: postgresql://USER@HOST/DATABASE")
    parser.add_argument("library", help="the library file to take them into (made if it does not exist)")
    parser.add_argument(
        "--article", metavar="SLUG", nargs="+", action="extend", required=True, dest="slugs",
        help="the articles to take offline, by slug",
    )


def run(args: argparse.Namespace) -> int:
    if not is_newsroom_url(args.url):
        # Not echoed: a mistyped address may still hold a password.
        raise LibraryError("take-out: the first argument must be a newsroom address (postgresql://…)")
    if is_newsroom_url(args.library):
        raise LibraryError("take-out: the second argument must be a library file, not a newsroom address")
    from workstation.editing.take_out import take_out_to_file

    with open_library(args.url) as newsroom:
        report = take_out_to_file(newsroom, Path(args.library), args.slugs)
    say(report.summary())
    return 0
