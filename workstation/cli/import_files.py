"""``workstation import LIBRARY PATH...``: articles, author profiles, images and folders.

The library's write lock is taken before the library is even looked at: a
process that may not write must not open the file at all, because closing
any descriptor on it drops the SQLite locks of the process holding it (see
``library.lock``). Good files land even when others are refused; each
refusal is one line on stderr naming the file and the reason, and the exit
status is 2 if any file was refused. A LIBRARY that does not exist yet is
created. The first Ctrl-C stops after the file in hand and says how much
landed; a second one stops at once (the file in hand is rolled back).
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from workstation.cli.targets import LIBRARY_HELP, add_library_argument
from workstation.cli.terminal import complain, say
from workstation.errors import LibraryError, LibraryLocked, ValidationError
from workstation.library.addresses import is_newsroom_url
from workstation.library.import_report import ImportReport
from workstation.library.importer import Decoding, import_paths, start_decoding, store_decoded
from workstation.regular_files import printable, printable_path

EXIT_INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser, help=f"{LIBRARY_HELP} (a file is created if it does not exist)")
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="Markdown files, images or folders")
    parser.add_argument(
        "--template", metavar="NAME", default="",
        help="fill this ingest template (made on the photo desk) into every new photo",
    )


def run(args: argparse.Namespace) -> int:
    stop = threading.Event()
    if is_newsroom_url(args.library):
        from workstation.library.database import open_library

        # A newsroom is made by ``workstation newsroom init``, never by an import, and takes many writers.
        with open_library(args.library) as library, _stop_on_first_interrupt(stop):
            report = import_paths(library, args.paths, cancel=stop.is_set, template=args.template)
        return _said(report, creating=None)
    if args.template:
        # An unknown template is refused before any file is read: the library is opened first.
        return _into_file(args, stop, None)
    # The photos start decoding before anything else is done: the library's checks and the
    # code that opens it (loaded only now) take their share of the start while they decode.
    decoding = start_decoding(args.paths)
    try:
        return _into_file(args, stop, decoding)
    finally:
        decoding.close()


def _into_file(args: argparse.Namespace, stop: threading.Event, decoding: Decoding | None) -> int:
    """Import into the library file ``args.library`` (``decoding``: the files, already decoding; None: not yet)."""
    from workstation.library.database import check_writable, inspect_file, open_library
    from workstation.library.lock import LibraryLock

    creating = not args.library.exists()
    # Said before the lock file is made beside the library, which would fail for these reasons too,
    # and so that a file refused as no library (or not ours) gets nothing created beside it.
    if not creating:
        inspect_file(args.library)
        check_writable(args.library)
    elif not args.library.parent.is_dir():
        raise LibraryError(f"{printable_path(args.library)}: the folder {printable_path(args.library.parent)} does not exist")
    elif args.template:
        raise ValidationError(f"no ingest template named {args.template[:80]!r}: {printable_path(args.library)} is a new library")
    with LibraryLock(args.library) as lock:
        if not lock.held:
            holder = printable(lock.holder()) or "holder unknown"
            raise LibraryLocked(
                f"{printable_path(args.library)}: open in another Workstation ({holder}); close it first"
            )
        with open_library(args.library, create=True) as library, _stop_on_first_interrupt(stop):
            if decoding is None:
                report = import_paths(library, args.paths, cancel=stop.is_set, template=args.template)
            else:
                report = store_decoded(library, decoding, cancel=stop.is_set)
    return _said(report, creating=args.library if creating else None)


def _said(report: ImportReport, creating: Path | None) -> int:
    """Print what the import did; its exit status."""
    if creating is not None:
        say(f"created {printable_path(creating)}")
    for refusal in report.refused:
        complain(f"refused {refusal}")
    for warning in report.warnings:
        complain(f"warning {warning}")
    say(report.summary())
    if report.stopped:
        complain(f"{report.stopped}: {report.progress_line()}")
        return 2
    if report.cancelled:
        complain(f"interrupted: {report.progress_line()}")
        return EXIT_INTERRUPTED
    return 2 if report.refused else 0


@contextmanager
def _stop_on_first_interrupt(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C sets ``stop`` once; the next one interrupts as usual."""

    def interrupted(_signum: int, _frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
