"""``workstation check LIBRARY``: integrity, then preflight; exit 1 on findings.

Findings go to stdout, one per line (``article <slug>: <message>``), so the
output can be piped; a library that cannot be used at all is exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workstation.cli.terminal import complain, say
from workstation.library.database import open_library
from workstation.publish.preflight import integrity, preflight


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", type=Path, help="library file")
    parser.add_argument("--all", action="store_true", help="check every article, not only published ones")


def run(args: argparse.Namespace) -> int:
    with open_library(args.library, readonly=True) as library, library.session() as session:
        findings = integrity(session) + preflight(session, published_only=not args.all)
    for finding in findings:
        say(finding)
    if findings:
        complain(f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found")
        return 1
    say(f"{args.library}: no problems found")
    return 0
