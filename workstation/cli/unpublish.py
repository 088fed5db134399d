"""``workstation unpublish LIBRARY SLUG --yes``: take an article off the site.

The article becomes a draft and the next export removes its page. Taking a
page down is not undone by the next command, so ``--yes`` must say it was meant.
"""

from __future__ import annotations

import argparse

from workstation.cli.publish import writable_library
from workstation.cli.targets import add_library_argument
from workstation.cli.terminal import say
from workstation.editing.articles import article_id_for_slug
from workstation.editing.publishing import unpublish
from workstation.errors import ValidationError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("slug", help="the article's slug")
    parser.add_argument("--yes", action="store_true", help="confirm: take the article off the site")


def run(args: argparse.Namespace) -> int:

    if not args.yes:
        raise ValidationError(f"unpublishing {args.slug} takes its page off the site on the next export; add --yes to confirm")
    with writable_library(args.library) as library:
        state = unpublish(library, article_id_for_slug(library, args.slug))
    say(f"{state.slug}: unpublished; the next export removes its page")
    return 0
