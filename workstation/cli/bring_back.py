"""``workstation bring-back LIBRARY.wslib URL``: offline work merged back into the newsroom it came from.

Each article taken out is merged with what the newsroom did meanwhile
(``editing.bring_back``); the command prints one line per article (brought
back, merged, conflicted, new, unchanged) and a summary. A conflict keeps
the newsroom's text and both sides as revisions; it is not an error (exit
0). A file that was not taken out, or was taken out of another newsroom,
is refused in one line with nothing changed (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import say
from workstation.errors import LibraryError
from workstation.library.database import is_newsroom_url, open_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", help="the library file the articles were taken out into")
    parser.add_argument("url", help="the newsroom they came from: postgresql://USER@HOST/DATABASE")


def run(args: argparse.Namespace) -> int:
    if not is_newsroom_url(args.url):
        raise LibraryError("bring-back: the second argument must be a newsroom address (postgresql://…)")
    if is_newsroom_url(args.library):
        raise LibraryError("bring-back: the first argument must be the take-out's library file, not a newsroom address")
    from workstation.editing.bring_back import bring_back_file

    with open_library(args.url) as newsroom:
        report = bring_back_file(Path(args.library), newsroom)
    for line in report.lines():
        say(line)
    say(report.summary())
    return 0
