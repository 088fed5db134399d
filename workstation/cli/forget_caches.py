"""``workstation forget-caches [LIBRARY]``: delete what Workstation keeps outside libraries.

With LIBRARY, that library's renditions folder (and what earlier versions
kept for every library at once); without it, every Workstation cache on
this computer. The library itself is only read: its rendered-page cache is
part of the file and goes wherever the file goes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import say
from workstation.library.database import open_library
from workstation.publish.caches import forget_all_caches, forget_library_caches
from workstation.publish.images import default_cache_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", type=Path, nargs="?", help="the library whose caches to forget (default: all)")


def run(args: argparse.Namespace) -> int:
    if args.library is None:
        removed = forget_all_caches()
        say(f"forgot every Workstation cache in {default_cache_dir()}" if removed else "no caches to forget")
        return 0
    with open_library(args.library, readonly=True) as library:
        removed = forget_library_caches(library)
    say(f"forgot the caches of {args.library}" if removed else f"no caches of {args.library} to forget")
    return 0
