"""``workstation check LIBRARY``: integrity, then preflight; exit 1 on findings.

Findings go to stdout, one per line (``article <slug>: <message>``), so the
output can be piped; a library that cannot be used at all is exit 2.

A newsroom's pages are its PostgreSQL server's to keep, so there the check
is what Workstation can vouch for: the schema revision (opening refuses
any but this build's) and every photo original against its SHA-256. It
says so in its first line, so nobody takes it for a check of the server.
"""

from __future__ import annotations

import argparse

from sqlalchemy import func, select

from workstation.cli.targets import add_library_argument, named
from workstation.cli.terminal import complain, say
from workstation.library.database import HEAD, is_newsroom_url, open_library
from workstation.library.models import Photo
from workstation.publish.preflight import integrity, preflight


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("--all", action="store_true", help="check every article, not only published ones")


def run(args: argparse.Namespace) -> int:
    with open_library(args.library, readonly=True) as library, library.session() as session:
        if is_newsroom_url(args.library):
            photos = session.scalar(select(func.count()).select_from(Photo)) or 0
            say(
                f"{named(args.library)}: newsroom at schema revision {HEAD} (this build's); checking "
                f"{photos} photo original{'s' if photos != 1 else ''} against their SHA-256, then preflight "
                "(the database's own pages are the PostgreSQL server's to check)"
            )
        findings = integrity(session) + preflight(session, published_only=not args.all)
    for finding in findings:
        say(finding)
    if findings:
        complain(f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found")
        return 1
    say(f"{named(args.library)}: no problems found")
    return 0
