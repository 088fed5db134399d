"""``workstation demo LIBRARY``: create a library filled with the sample content.

Only a new library file: sample stories have no place in a shared newsroom,
so a newsroom address is refused (named without its password).
"""

from __future__ import annotations

import argparse

from workstation.cli.targets import add_library_argument, named
from workstation.cli.terminal import say
from workstation.errors import ValidationError
from workstation.library.addresses import is_newsroom_url
from workstation.library.demo import create_demo_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser, help="the new library file (must not exist yet)")


def run(args: argparse.Namespace) -> int:
    if is_newsroom_url(args.library):
        raise ValidationError(f"{named(args.library)}: the demo makes a new library file, not content in a newsroom")
    report = create_demo_library(args.library)
    say(
        f"created {named(args.library)}: {len(report.articles)} articles, {len(report.authors)} authors, "
        f"{len(report.photos)} photos"
    )
    return 0
