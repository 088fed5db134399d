"""``workstation correct LIBRARY SLUG TEXT``: a dated correction note on a published article.

The note ("Correction, 12 June 2026: …") shows at the foot of the page on
the next export, in its JSON-LD, and in the article's history.
"""

from __future__ import annotations

import argparse

from workstation.cli.publish import writable_library
from workstation.cli.targets import add_library_argument
from workstation.cli.terminal import say
from workstation.editing.articles import article_id_for_slug
from workstation.editing.publishing import correct
from workstation.library.publishing import date_label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("slug", help="the article's slug")
    parser.add_argument("text", help="what was wrong and what is right")


def run(args: argparse.Namespace) -> int:

    with writable_library(args.library) as library:
        noted_at = correct(library, article_id_for_slug(library, args.slug), args.text)
    say(f"{args.slug}: correction of {date_label(noted_at)} added; it shows on the next export")
    return 0
