"""Errors the user is meant to read.

Every refusal the core raises is a ``WorkstationError`` whose message is one
clear line; the CLI prints it to stderr and the GUI shows it in a dialog, so
no traceback ever reaches a user.
"""

import errno


class WorkstationError(Exception):
    """A problem the user can act on; ``str(error)`` is the whole message."""


class LibraryError(WorkstationError):
    """The library file cannot be used (missing, not a library, damaged, newer)."""


class StorageFailed(LibraryError):
    """The disk refused a write to the library (full, failing); ``problem`` says how, in a few words."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


class LibraryLocked(WorkstationError):
    """Another Workstation process has the library open for writing."""


class ImportRefused(WorkstationError):
    """One imported file was refused; the library is unchanged for that file."""


class ImageRefused(ImportRefused):
    """Bytes that are not a usable image: truncated, fake, a decompression bomb."""


class ValidationError(WorkstationError):
    """A field typed by the user does not hold an acceptable value."""


class PublishError(WorkstationError):
    """The export could not be completed; nothing half-written was left behind."""


class WalUnlinked(LibraryError):
    """The library's write-ahead log was deleted under the open app; nothing more can be saved safely."""


def os_reason(exc: OSError) -> str:
    """The few words of an ``OSError`` a user can act on; a full disk is named plainly."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on device"
    return exc.strerror or str(exc)
