"""Reading a file named by a user, only if it is a plain file of a bounded size.

An import reads whatever a folder holds, and a folder can hold a FIFO that
never answers, a link to ``/dev/zero`` that never ends, or a sparse file of
many gigabytes. Each of those would hang or exhaust memory if simply read,
so a file is looked at before it is opened (a device is never even opened:
some act on open), opened without blocking, looked at again through its
descriptor (a FIFO swapped in between is caught), and read only up to the
size its kind may have.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from workstation.errors import ImportRefused

_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def printable(text: str) -> str:
    """``text`` safe on one line of a terminal or a dialog.

    A file name is bytes: those that are not UTF-8 (carried by Python as
    lone surrogates, which no encoder accepts) and control characters (a
    newline would forge a second message line) are shown as escapes.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")


def real_path(path: Path | str) -> Path:
    """``path`` with every link followed; a link loop is left as it is (reading it then says why)."""
    return Path(os.path.realpath(path))


def printable_path(path: Path | str) -> str:
    return printable(os.fspath(path))


def printable_name(path: Path | str) -> str:
    return printable(Path(path).name)


def not_regular(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe (FIFO)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def describe_size(size: int) -> str:
    """A size as people read it: "5.3 GB", "812 KB"."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """The whole content of ``path``, refused unless it is a regular file of at most ``limit`` bytes.

    ``what`` names the kind of file in the refusal ("an image", "an article").
    Symbolic links are followed (a link to a photo is a photo); whether the
    target may be read at all is the caller's decision.
    """
    chunks: list[bytes] = []
    total = 0
    with open_regular_file(path, limit, what) as stream:
        try:
            while total <= limit and (chunk := stream.read(min(_CHUNK, limit + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
        except OSError as exc:
            raise ImportRefused(f"cannot be read ({exc.strerror or exc})") from None
    if total > limit:
        raise ImportRefused(f"the file grew beyond the limit for {what} ({describe_size(limit)}) while being read")
    return b"".join(chunks)


def open_regular_file(path: Path, limit: int, what: str) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file of at most ``limit`` bytes.

    For a file too large to hold in memory (a 50 MB original is streamed
    into the library): the checks of ``read_regular_file``, then the open
    file. A caller reading to the end should still stop at ``limit``.
    """
    try:
        before = os.stat(path)
    except OSError as exc:
        raise ImportRefused(f"cannot be read ({exc.strerror or exc})") from None
    _check(before.st_mode, before.st_size, limit, what)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ImportRefused(f"cannot be read ({exc.strerror or exc})") from None
    try:
        opened = os.fstat(descriptor)
        _check(opened.st_mode, opened.st_size, limit, what)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise ImportRefused("the file was replaced by another while being imported")
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb", buffering=_CHUNK)


def _check(mode: int, size: int, limit: int, what: str) -> None:
    kind = not_regular(mode)
    if kind is not None:
        raise ImportRefused(f"{kind}, not a regular file; only regular files are imported")
    if size > limit:
        raise ImportRefused(f"the file is too large for {what} ({describe_size(size)}; the limit is {describe_size(limit)})")
