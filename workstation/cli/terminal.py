"""What the command line prints: every line of user data made safe for a terminal.

Headlines, slugs, file names and error messages come from files and
libraries other people made. Printed raw, an escape sequence in a headline
retitles the window or clears the screen, and a newline in a file name
forges a second ``workstation:`` line. Every line goes through the one
``printable`` rule (``regular_files.printable``, which the core's messages
use too): control characters, separators, bidirectional overrides and
undecodable bytes print as Python-style escapes (a newline as ``\\n``), so
one printed item is always one line of plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from workstation.regular_files import printable as _printable


def printable(text: object) -> str:
    """``str(text)`` with everything a terminal would act on spelled out (``regular_files.printable``)."""
    return _printable(str(text))


def say(text: object, file: TextIO | None = None) -> None:
    """Print one line of output (stdout unless ``file``), escaped with ``printable``."""
    print(printable(text), file=file if file is not None else sys.stdout)


# Lines ``say_lines`` writes at a time: enough that a line costs no Python call of its own in the common case, few
# enough that the text of a decade's findings (some 30 MB) is never held twice at once.
LINES_AT_ONCE = 4096


def say_lines(items: Sequence[object], file: TextIO | None = None) -> None:
    """Print each of ``items`` on a line of its own (stdout unless ``file``), escaped with ``printable``.

    ``check`` of a decade's archive prints hundreds of thousands of lines:
    they are written a batch at a time, and a batch whose every line is
    printable as it is (nearly every one) is checked in one pass, line by
    line in C, rather than one call of ``printable`` a line.
    """
    out = file if file is not None else sys.stdout
    for start in range(0, len(items), LINES_AT_ONCE):
        lines = list(map(str, items[start : start + LINES_AT_ONCE]))
        if not all(map(str.isprintable, lines)):
            lines = list(map(_printable, lines))
        lines.append("")
        out.write("\n".join(lines))


def complain(text: object) -> None:
    """Print one ``workstation:`` line on stderr, escaped with ``printable``."""
    print(f"workstation: {printable(text)}", file=sys.stderr)
