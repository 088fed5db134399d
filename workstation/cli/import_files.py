"""``workstation import LIBRARY PATH...``: articles, author profiles, images and folders.

Good files land even when others are refused; each refusal is one line on
stderr naming the file and the reason, and the exit status is 2 if any file
was refused. A LIBRARY that does not exist yet is created.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import complain, say
from workstation.errors import LibraryLocked
from workstation.library.database import open_library
from workstation.library.importer import import_paths
from workstation.library.lock import LibraryLock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", type=Path, help="library file (created if it does not exist)")
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="Markdown files, images or folders")


def run(args: argparse.Namespace) -> int:
    creating = not args.library.exists()
    with open_library(args.library, create=True) as library, LibraryLock(args.library) as lock:
        if not lock.held:
            holder = lock.holder() or "unknown"
            raise LibraryLocked(f"{args.library}: open in another Workstation ({holder}); close it first")
        report = import_paths(library, args.paths)
    if creating:
        say(f"created {args.library}")
    for refusal in report.refused:
        complain(f"refused {refusal}")
    say(report.summary())
    return 2 if report.refused else 0
