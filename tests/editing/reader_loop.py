"""A reader in another process for the torture test: runs one ``workstation`` command again and again.

Each run opens the library, reads it and closes it, exactly as the command
line does; the interpreter is started once so that a round sees many runs.
After each run a line goes to stderr (the command's own output stays on stdout).

Usage: reader_loop.py COMMAND ARGS...
"""

from __future__ import annotations

import contextlib
import io
import sys

from workstation.cli import main

if __name__ == "__main__":
    while True:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(sys.argv[1:])
        print("ran", file=sys.stderr, flush=True)
