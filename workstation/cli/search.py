"""``workstation search LIBRARY QUERY...``: full-text search, one hit per line."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.cli.targets import add_library_argument
from workstation.cli.terminal import say
from workstation.library.database import open_library
from workstation.library.models import Article, Author
from workstation.library.search import KINDS, search

MAX_LIMIT = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("query", nargs="+", help="words to find (the last one may be the start of a word)")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only this kind (repeatable)")
    parser.add_argument(
        "--limit", type=hit_limit, default=20, metavar="N", help=f"at most N hits, 1 to {MAX_LIMIT} (default 20)"
    )


def hit_limit(text: str) -> int:
    """``--limit``: a whole number from 1 to ``MAX_LIMIT`` (argparse turns the error into one line, exit 2)."""
    try:
        value = int(text.strip()) if len(text) <= 20 else 0
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_LIMIT}, not {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    """Prints ``kind name: title — snippet``; articles and authors are named by slug, photos by id."""
    with open_library(args.library, readonly=True) as library, library.session() as session:
        hits = search(session, " ".join(args.query), kinds=tuple(args.kind or KINDS), limit=args.limit)
        slugs = {
            kind: _slugs(session, model, [hit.id for hit in hits if hit.kind == kind])
            for kind, model in (("article", Article), ("author", Author))
        }
        for hit in hits:
            name = slugs.get(hit.kind, {}).get(hit.id, str(hit.id))
            line = f"{hit.kind} {name}: {hit.title}"
            if hit.snippet and hit.snippet != hit.title:
                line += f" — {hit.snippet}"
            say(line)
    if not hits:
        say("no matches")
    return 0


def _slugs(session: Session, model: type[Article] | type[Author], ids: list[int]) -> dict[int, str]:
    """Slugs of just the records hit, not of the whole library."""
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.slug).where(model.id.in_(ids))).all())
