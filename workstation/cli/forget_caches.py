"""``workstation forget-caches [LIBRARY]``: delete what Workstation keeps outside libraries.

With LIBRARY, that library's renditions folder (and what earlier versions
kept for every library at once); without it, every Workstation cache on
this computer. The library itself is only read: its rendered-page cache is
part of the file and goes wherever the file goes.
"""

from __future__ import annotations

import argparse

from workstation.cli.targets import add_library_argument, named
from workstation.cli.terminal import say
from workstation.library.database import open_library
from workstation.publish.caches import forget_all_caches, forget_library_caches
from workstation.publish.images import default_cache_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser, nargs="?")


def run(args: argparse.Namespace) -> int:
    if args.library is None:
        removed = forget_all_caches()
        say(f"forgot every Workstation cache in {default_cache_dir()}" if removed else "no caches to forget")
        return 0
    with open_library(args.library, readonly=True) as library:
        removed = forget_library_caches(library)
    say(f"forgot the caches of {named(args.library)}" if removed else f"no caches of {named(args.library)} to forget")
    return 0
