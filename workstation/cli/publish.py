"""``workstation publish LIBRARY SLUG [--at TIME] [--override REASON]``: publish, schedule or update one article.

Preflight is the gate (``editing.publishing``): its errors are printed, one
per line, and the article stays as it was (exit 2) unless ``--override``
gives the reason to publish over them, which is kept in the article's
history. ``--at`` chooses the publication time of an article not yet on the
site; a time in the future schedules it. ``writable_library`` is how the
publishing commands open a library: a file's write lock first, as ``import``
does; a newsroom as it is (its server takes every desk's writes).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from workstation.cli.targets import add_library_argument
from workstation.cli.terminal import complain, say
from workstation.editing.articles import article_id_for_slug
from workstation.editing.publishing import PublishBlocked, publish
from workstation.errors import ValidationError
from workstation.library.database import Library, is_newsroom_url, open_library, open_locked

EXAMPLE_TIME = "2026-06-12T09:00+02:00"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("slug", help="the article's slug")
    parser.add_argument("--at", metavar="TIME", help=f"publication time with its zone, e.g. {EXAMPLE_TIME} (future: scheduled)")
    parser.add_argument("--override", metavar="REASON", default="", help="publish over preflight's errors, for this reason")


@contextmanager
def writable_library(path: Path | str) -> Iterator[Library]:
    """The library opened for writing: a file under its write lock, refused (exit 2) when another
    Workstation holds it; a newsroom without one (its server takes every desk's writes)."""
    if is_newsroom_url(path):
        with open_library(path) as newsroom:
            yield newsroom
        return
    with open_locked(Path(path)) as library:
        yield library


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
