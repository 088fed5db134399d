"""What the command line prints: every line of user data made safe for a terminal.

Headlines, slugs, file names and error messages come from files and
libraries other people made. Printed raw, an escape sequence in a headline
retitles the window or clears the screen, and a newline in a file name
forges a second ``workstation:`` line. ``printable`` spells every control
character, line or paragraph separator, bidirectional override and lone
surrogate as a Python-style escape (a newline prints as ``\\n``), so one
printed item is always one line of plain text.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``str(text)`` with everything a terminal would act on spelled out as an escape."""
    return _UNPRINTABLE.sub(_escape, str(text))


def say(text: object, file: TextIO | None = None) -> None:
    """Print one line of output (stdout unless ``file``), escaped with ``printable``."""
    print(printable(text), file=file if file is not None else sys.stdout)


def complain(text: object) -> None:
    """Print one ``workstation:`` line on stderr, escaped with ``printable``."""
    print(f"workstation: {printable(text)}", file=sys.stderr)
