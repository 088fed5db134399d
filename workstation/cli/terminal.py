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
from typing import TextIO

from workstation.regular_files import printable as _printable


def printable(text: object) -> str:
    """``str(text)`` with everything a terminal would act on spelled out (``regular_files.printable``)."""
    return _printable(str(text))


def say(text: object, file: TextIO | None = None) -> None:
    """Print one line of output (stdout unless ``file``), escaped with ``printable``."""
    print(printable(text), file=file if file is not None else sys.stdout)


def complain(text: object) -> None:
    """Print one ``workstation:`` line on stderr, escaped with ``printable``."""
    print(f"workstation: {printable(text)}", file=sys.stderr)
