"""``workstation publish LIBRARY SLUG [--at TIME] [--override REASON]``: publish, schedule or update one article.

Preflight is the gate (``editing.publishing``): its errors are printed, one
per line, and the article stays as it was (exit 2) unless ``--override``
gives the reason to publish over them, which is kept in the article's
history. ``--at`` chooses the publication time of an article not yet on the
site; a time in the future schedules it. LIBRARY is a file or a newsroom
(``cli.targets``).
"""

from __future__ import annotations

import argparse
from datetime import datetime

from workstation.cli.targets import add_library_argument, writable_library
from workstation.cli.terminal import complain, say
from workstation.editing.articles import article_id_for_slug
from workstation.editing.publishing import PublishBlocked, publish
from workstation.errors import ValidationError

EXAMPLE_TIME = "2026-06-12T09:00+02:00"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("slug", help="the article's slug")
    parser.add_argument("--at", metavar="TIME", help=f"publication time with its zone, e.g. {EXAMPLE_TIME} (future: scheduled)")
    parser.add_argument("--override", metavar="REASON", default="", help="publish over preflight's errors, for this reason")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with its zone; one without a zone is refused rather than guessed."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"--at {text!r} is not a time such as {EXAMPLE_TIME}") from None
    if moment.tzinfo is None:
        raise ValidationError(f"--at {text!r} has no time zone; write it as e.g. {EXAMPLE_TIME}")
    return moment


def run(args: argparse.Namespace) -> int:

    at = parse_time(args.at) if args.at is not None else None
    with writable_library(args.library) as library:
        article_id = article_id_for_slug(library, args.slug)
        try:
            published = publish(library, article_id, at=at, override=args.override)
        except PublishBlocked as blocked:
            for finding in blocked.errors:
                say(finding)
            complain(f"{args.slug}: not published, {len(blocked.errors)} preflight error"
                     f"{'s' if len(blocked.errors) != 1 else ''}; fix them or pass --override \"reason\"")
            return 2
    for finding in published.overridden:
        say(f"overridden: {finding}")
    say(f"{published.state.slug}: {published.message()}")
    return 0
