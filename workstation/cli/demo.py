"""``workstation demo LIBRARY``: create a library filled with the sample content."""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import say
from workstation.library.demo import create_demo_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", type=Path, help="the new library file (must not exist yet)")


def run(args: argparse.Namespace) -> int:
    report = create_demo_library(args.library)
    say(
        f"created {args.library}: {len(report.articles)} articles, {len(report.authors)} authors, "
        f"{len(report.photos)} photos"
    )
    return 0
