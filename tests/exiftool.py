"""ExifTool for the tests: one process per test process, kept open (``-stay_open``).

Starting ExifTool costs about 0.15 s of CPU (Perl loading its modules), more
than tagging or reading a small test image; the suite tags and reads images
hundreds of times. ``exiftool(*args)`` hands the arguments to this process's
one ExifTool and answers as ``subprocess.run(["exiftool", *args],
capture_output=True, text=True)`` would: what it printed and its exit
status. A command that changes ExifTool for the commands after it gets a
process of its own: loading a module (``-use``, ``-config``), or writing a
structure (``-XMP-iptcExt:LocationCreated={City=...}``), after which ExifTool
12.57 no longer finds the flattened tags of that family
(``LocationShownCity``: "Error finding parent structure").
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import threading
from itertools import count
from typing import IO

# Options whose effect outlives the command in a kept-open ExifTool.
LASTING = frozenset({"-use", "-config"})


def _changes_exiftool(arguments: list[str]) -> bool:
    """Whether the command leaves a kept-open ExifTool different for the next one."""
    return bool(LASTING.intersection(arguments)) or any("={" in argument for argument in arguments)


# What ExifTool changes in a plain line of its argument file: white space at the start, around an option's
# ``=``; and a line cannot hold a line break, nor be empty or start with "#".
_PLAIN_CHANGES = re.compile(r"^(?:\s|#|$)|[\r\n]|^-[-:\w]+#?(?:\s+[-+<]?=|[-+<]?= )")


def _argument(value: str) -> str | None:
    """One line of ExifTool's argument file meaning ``value``; None when no line can (use a process of its own)."""
    if not _PLAIN_CHANGES.search(value):
        return value
    if "$" in value or "@" in value:  # a C string line keeps these escaped
        return None
    return "#[CSTR]" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def _read_until(stream: IO[bytes], ending: re.Pattern[bytes]) -> tuple[bytes, re.Match[bytes]]:
    """What ``stream`` gives up to and including the first stretch ending a line that matches ``ending``."""
    data = b""
    while True:
        line = stream.readline()
        if not line:
            raise RuntimeError(f"exiftool stopped; it printed {data[-500:]!r}")
        data += line
        found = ending.search(data, max(0, len(data) - len(line) - 64))
        if found:
            return data[: found.start()], found


class KeptOpen:
    """One ExifTool reading commands from a pipe, for the process that started it."""

    def __init__(self) -> None:
        # A kept-open ExifTool waits on for commands when its pipe closes: it goes with the test process
        # (killed with it, when setpriv is there to ask the kernel), not only when that process exits normally.
        guard = ["setpriv", "--pdeathsig", "KILL"] if shutil.which("setpriv") else []
        self.process = subprocess.Popen(
            [*guard, "exiftool", "-stay_open", "True", "-@", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.owner = os.getpid()
        self.numbers = count(1)
        self.lock = threading.Lock()

    def run(self, lines: list[str]) -> tuple[int, str, str]:
        with self.lock:
            number = next(self.numbers)
            lines = [*lines, "-echo4", f"=${{status}}=done{number}", f"-execute{number}"]
            assert self.process.stdin is not None and self.process.stdout is not None
            assert self.process.stderr is not None
            self.process.stdin.write(("\n".join(lines) + "\n").encode())
            self.process.stdin.flush()
            stdout, _ = _read_until(self.process.stdout, re.compile(rb"\{ready%d\}\n$" % number))
            stderr, status = _read_until(self.process.stderr, re.compile(rb"=(\d+)=done%d\n$" % number))
            return int(status.group(1)), stdout.decode(), stderr.decode()

    def close(self) -> None:
        if self.owner != os.getpid() or self.process.poll() is not None:
            return
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(b"-stay_open\nFalse\n")
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


_kept: KeptOpen | None = None
_starting = threading.Lock()


def _this_process() -> KeptOpen:
    global _kept
    with _starting:
        if _kept is None or _kept.owner != os.getpid() or _kept.process.poll() is not None:
            _kept = KeptOpen()
            atexit.register(_kept.close)
        return _kept


def exiftool(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``exiftool ARGUMENTS``: its exit status and output (raises ``CalledProcessError`` when it fails and ``check``)."""
    argv = [str(argument) for argument in arguments]
    lines = [_argument(argument) for argument in argv]
    if _changes_exiftool(argv) or None in lines:
        result = subprocess.run(["exiftool", *argv], capture_output=True, text=True)
        status, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        status, stdout, stderr = _this_process().run(lines)  # type: ignore[arg-type]
    if check and status != 0:
        raise subprocess.CalledProcessError(status, ["exiftool", *argv], stdout, stderr)
    return subprocess.CompletedProcess(["exiftool", *argv], status, stdout, stderr)
