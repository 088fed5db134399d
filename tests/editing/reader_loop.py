"""A reader in another process for the torture test: runs one ``workstation`` command again and again.

Each run opens the library, reads it and closes it, exactly as the command
line does. The interpreter is started once for all the test's rounds, so
that a round spends its time reading rather than starting Python: each line
on stdin names the command to repeat from then on (a JSON list of
arguments), an empty line stops the runs. Once the run under way has ended,
the switch is confirmed by a line "switched" on stderr; after each run a
line "ran" goes there (the command's own output stays in the process).
The process ends when stdin closes.

Usage: reader_loop.py, commands on stdin
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import sys

from workstation.cli import main


class Commands:
    """The lines arriving on stdin, read without blocking the runs (no thread: an export may fork)."""

    def __init__(self) -> None:
        self.pending = b""
        self.closed = False

    def next(self, wait: bool) -> list[bytes]:
        """The whole lines that arrived (waiting for one if ``wait``); sets ``closed`` at end of input."""
        while not self.closed:
            ready, _, _ = select.select([0], [], [], None if wait else 0)
            if not ready:
                break
            data = os.read(0, 65536)
            self.closed = not data
            self.pending += data
            if b"\n" in self.pending:
                break
        *lines, self.pending = self.pending.split(b"\n")
        return lines


def serve() -> None:
    commands = Commands()
    command: list[str] | None = None
    while True:
        for line in commands.next(wait=command is None and not commands.closed):
            command = json.loads(line) if line.strip() else None
            print("switched", file=sys.stderr, flush=True)
        if commands.closed:
            return
        if command is not None:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                main(command)
            print("ran", file=sys.stderr, flush=True)


if __name__ == "__main__":
    serve()
