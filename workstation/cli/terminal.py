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
from collections.abc import Iterable
from itertools import islice
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
# The characters every line may hold that need no look-up: printable ASCII.
_PLAIN_ASCII = bytes(range(0x20, 0x7F))


def _prints_as_it_is(text: str, lines: int) -> bool:
    """Whether each of the ``lines`` lines joined by newlines in ``text`` is printable as it is (``printable``).

    Asking ``str.isprintable`` of every character of a decade's findings
    (some 30 million, looked up one by one in Python's Unicode tables) was
    most of the time spent printing them: only what is not printable ASCII
    is asked about here, the rest dropped in C. A line with a newline of its
    own shows as one newline more than the joins made.
    """
    try:
        rest = text.encode().translate(None, _PLAIN_ASCII).decode()
    except UnicodeEncodeError:  # a lone surrogate: the bytes of a name that were not UTF-8, which ``printable`` shows
        return False
    return rest.count("\n") == lines - 1 and rest.replace("\n", "").isprintable()


def say_lines(items: Iterable[object], file: TextIO | None = None) -> None:
    """Print each of ``items`` on a line of its own (stdout unless ``file``), escaped with ``printable``.

    ``check`` of a decade's archive prints hundreds of thousands of lines:
    they are written a batch at a time, and a batch whose every line is
    printable as it is (nearly every one) is checked in one pass
    (``_prints_as_it_is``) rather than with one call of ``printable`` a line.
    """
    out = file if file is not None else sys.stdout
    items = iter(items)
    while lines := list(map(str, islice(items, LINES_AT_ONCE))):
        text = "\n".join(lines)
        if not _prints_as_it_is(text, len(lines)):
            text = "\n".join(map(_printable, lines))
        out.write(text)
        out.write("\n")


def complain(text: object) -> None:
    """Print one ``workstation:`` line on stderr, escaped with ``printable``."""
    print(f"workstation: {printable(text)}", file=sys.stderr)
