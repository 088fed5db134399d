"""The command line: ``workstation [LIBRARY] [--open SLUG]`` and its subcommands.

Each subcommand lives in its own module with ``add_arguments(parser)`` and
``run(args) -> int``. Exit 0 on success, 1 when ``check`` finds problems,
2 on bad input, with one clear line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path

from workstation import __version__
from workstation.cli.terminal import complain, printable
from workstation.errors import LibraryError, WorkstationError

# subcommand -> (module under workstation.cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo", "create a demo library"),
    "import": ("import_files", "import articles, author profiles, images and folders"),
    "export": ("export", "export the static site (or, with --format ninjs, IPTC ninjs for syndication)"),
    "export-authors": ("export_authors", "write author profiles as front-matter Markdown"),
    "check": ("check", "integrity check and preflight; exit 1 on findings"),
    "publish": ("publish", "publish, schedule (--at) or update an article; preflight errors block"),
    "unpublish": ("unpublish", "take an article off the site on the next export (--yes)"),
    "correct": ("correct", "add a dated correction note to a published article"),
    "search": ("search", "full-text search over articles, photos and authors"),
    "forget-caches": ("forget_caches", "delete the caches kept outside libraries (one library's, or all)"),
    "newsroom": ("newsroom", "set up a shared newsroom on a PostgreSQL server (init URL)"),
    "take-out": ("take_out", "copy articles from a newsroom into a library file to work on offline"),
    "bring-back": ("bring_back", "merge a take-out file's articles back into the newsroom they came from"),
}

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
DEBUG_VARIABLE = "WORKSTATION_DEBUG"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {printable(message)}\n")


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(prog="workstation", description="Offline editorial workstation.")
    parser.add_argument("--version", action="version", version=f"Workstation {__version__}")
    if argv and argv[0] in COMMANDS:
        sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
        name = argv[0]
        module_name, help_text = COMMANDS[name]
        module = importlib.import_module(f"workstation.cli.{module_name}")
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
        return parser
    parser.epilog = "commands: " + "; ".join(f"{n} ({h})" for n, (_m, h) in COMMANDS.items())
    parser.add_argument("library", nargs="?", help="library file or newsroom URL (postgresql://USER@HOST/DB) to open (default: your own library)")
    parser.add_argument("--open", metavar="SLUG", dest="open_slug", help="open this article in the editor")
    parser.set_defaults(run=_run_app)
    return parser


def _run_app(args: argparse.Namespace) -> int:
    """Starts the app; a bare word that is no file is a mistyped command, refused before Qt starts.

    A missing file with a suffix (a library double-clicked after it moved)
    is left to the app, which says so in a window the user can see.
    """
    from workstation.library.database import library_target

    target = None if args.library is None else library_target(args.library)
    if isinstance(target, Path) and not target.suffix and not target.is_file():
        raise LibraryError(f"{args.library}: no such library file (commands: {', '.join(COMMANDS)})")
    from workstation.ui.app import run_app

    return run_app(target, open_slug=args.open_slug)


def _debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _route_warnings(debugging: bool) -> None:
    """Python warnings (a decompression bomb, corrupt EXIF) never reach stderr, here or in worker processes.

    The code that cares about a warning turns it into an error where it
    reads the file; what is left is noise to a user. With the debug
    variable set they are printed, one escaped line each.
    """
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, *_: object) -> None:
        if debugging:
            complain(f"warning: {category.__name__}: {message} ({filename}:{lineno})")

    warnings.showwarning = show
    if not debugging:
        os.environ["PYTHONWARNINGS"] = "ignore"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever happens, the user sees at most one line on stderr and no traceback.

    Set ``WORKSTATION_DEBUG=1`` to see the traceback of an unexpected error.
    """
    debugging = _debugging()
    _route_warnings(debugging)
    if argv is None and sys.argv[1:2] and sys.argv[1] in COMMANDS:
        try:
            return _command(sys.argv[1:], debugging)
        finally:
            # A command run as the program, which ends now: what is left is freed as the interpreter
            # exits, without its cyclic collector walking every object first (a cold export's heap:
            # 60-100 ms, its workers gone, the other core idle). Not the app's window, whose Qt objects
            # are let go by that collector; not a caller's own process (``argv`` given).
            gc.freeze()
    return _command(list(sys.argv[1:] if argv is None else argv), debugging)


def _command(argv: list[str], debugging: bool) -> int:
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        return int(args.run(args))
    except WorkstationError as exc:
        complain(exc)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        complain("interrupted; nothing half-written was left")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): nothing more can be said to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last net: one line, never a traceback
        if debugging:
            traceback.print_exc()
        complain(f"unexpected error ({type(exc).__name__}); set {DEBUG_VARIABLE}=1 to see the details")
        return EXIT_BAD_INPUT


def gui_main() -> int:
    return main()
