"""``workstation export LIBRARY OUTDIR``: the static site, one article as one file, or ninjs for syndication.

A folder that already holds exactly what the export would write is
recognised from the library's change marker and the folder's manifest
before anything heavy is imported (``publish.stamp``): Markdown, Jinja and
the page builders are imported only when there is work to do. The site
export reads the library in plain SQL (``publish.catalog_reader``), so it
imports the ORM only to make a picture from its original; ninjs and the
hand-off file read through the ORM and are imported only when asked for.
``--format ninjs`` writes IPTC ninjs documents instead (``publish.ninjs``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from workstation.cli.targets import add_library_argument
from workstation.cli.terminal import complain, printable, say
from workstation.errors import LibraryError, WorkstationError
from workstation.library.addresses import is_newsroom_url
from workstation.library.lock import LibraryLock
from workstation.publish.report import ExportReport
from workstation.publish.stamp import current_site


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("outdir", help="output folder (empty, or an earlier export)")
    parser.add_argument(
        "--base-url", metavar="URL",
        help="where the site will live, e.g. https://news.example.org/ (ninjs: default, the one in Preferences)",
    )
    parser.add_argument("--drafts", action="store_true", help="publish articles of every status, not only published ones")
    parser.add_argument("--article", metavar="SLUG", help="with --single-file: the article to write")
    parser.add_argument(
        "--single-file", action="store_true", help="write one self-contained HTML file (CSS and images inlined)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="site",
        help="site: the static site (the default); ninjs: IPTC ninjs 3.1 documents of the published articles",
    )


FORMATS = ("site", "ninjs")


class _TerminalProgress:
    """One rewritten line on stderr, at most ten times a second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        width = 28
        filled = width * done // max(total, 1)
        text = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {printable(label)[:40]:<40}"
        sys.stderr.write(text)
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def _check_ninjs_options(args: argparse.Namespace) -> None:
    """Refuse what ninjs cannot mean, before the library or the folder is touched."""
    if args.drafts:
        raise WorkstationError("--format ninjs syndicates published articles only; it cannot take --drafts")
    if args.single_file or args.article:
        raise WorkstationError("--format ninjs writes a folder of documents; it cannot take --single-file or --article")
    if Path(args.outdir).exists() and not Path(args.outdir).is_dir():
        raise WorkstationError(f"{args.outdir}: not a folder")


def run(args: argparse.Namespace) -> int:
    if args.format == "ninjs":
        _check_ninjs_options(args)
    elif args.single_file != bool(args.article):
        raise WorkstationError("--single-file and --article SLUG go together")
    newsroom = is_newsroom_url(args.library)
    if not args.single_file and not newsroom:
        # A newsroom has no change marker a file read can see: its export always reads it.
        site = current_site(
            Path(args.library), Path(args.outdir), base_url=args.base_url, drafts=args.drafts, kind=args.format
        )
        if site is not None:
            say(ExportReport(Path(args.outdir), articles=site.articles, unchanged=site.files).summary())
            return 0
    # Imported here, past the check above: together they take most of a second to import.
    from workstation.library.database import inspect_file, open_library
    from workstation.library.publishing import held_line

    lock = LibraryLock(Path(args.library)) if not newsroom else None
    # A newsroom's server takes every desk's writes: its export stores its render cache like any writer.
    writer = newsroom
    if lock is not None and Path(args.library).is_file():
        # Refuse a file that is no library before a lock file appears beside it.
        inspect_file(Path(args.library))
        try:
            writer = lock.acquire()
        except LibraryError:
            writer = False
    # Only the library's one writer stores the render cache: while another
    # Workstation holds the library, the export reads it and stores nothing.
    try:
        library = open_library(args.library, readonly=not writer)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        # Only the exporter asked for is imported (ninjs and the hand-off file read through the ORM).
        if args.format == "ninjs":
            from workstation.publish.ninjs import export_ninjs

            report = export_ninjs(library, args.outdir, base_url=args.base_url)
        elif args.single_file:
            from workstation.publish.single import export_single

            target = export_single(library, args.article, args.outdir, base_url=args.base_url)
            say(target)
            return 0
        else:
            from workstation.publish.site import export_site

            progress = _TerminalProgress() if sys.stderr.isatty() else None
            try:
                report = export_site(
                    library, args.outdir, base_url=args.base_url, drafts=args.drafts, progress=progress
                )
            finally:
                if progress is not None:
                    progress.close()
        for warning in report.warnings:
            complain(f"warning: {warning}")
        for slug, moment in report.held:
            say(held_line(slug, moment))
        say(report.summary())
        return 0
    finally:
        library.close()
        if lock is not None:
            lock.release()
