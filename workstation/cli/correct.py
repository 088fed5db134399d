"""``workstation correct LIBRARY SLUG TEXT``: a dated correction note on a published article.

The note ("Correction, 12 June 2026: …") shows at the foot of the page on
the next export, in its JSON-LD, and in the article's history.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.publish import writable_library
from workstation.cli.terminal import say
from workstation.editing.articles import article_id_for_slug
from workstation.editing.publishing import correct
from workstation.library.publishing import date_label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", type=Path, help="the library file")
    parser.add_argument("slug", help="the article's slug")
    parser.add_argument("text", help="what was wrong and what is right")


def run(args: argparse.Namespace) -> int:

    with writable_library(args.library) as library:
        noted_at = correct(library, article_id_for_slug(library, args.slug), args.text)
    say(f"{args.slug}: correction of {date_label(noted_at)} added; it shows on the next export")
    return 0
