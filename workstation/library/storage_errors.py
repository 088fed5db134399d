"""What went wrong with the disk, said in a few words a user can act on.

SQLite reports a full disk as "database or disk is full", and as a bare
"disk I/O error" when the full disk is met while growing its shared-memory
index; SQLAlchemy wraps either in several lines of SQL and parameters.
Neither tells a reporter on a train that freeing some space is all it takes.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

NO_SPACE = "no space left on device"
# Below this much free space a write error is taken to be the full disk: less
# than SQLite needs to grow a WAL file and its index by one step.
_NEARLY_FULL = 256 * 1024
_OS_PROBLEMS = {
    errno.ENOSPC: NO_SPACE,
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "disk I/O error",
}


def driver_error(error: BaseException) -> BaseException:
    """The driver's own error inside SQLAlchemy's wrapper (``DBAPIError.orig``); ``error`` itself when unwrapped.

    Looked up by attribute, so that judging an error never imports SQLAlchemy.
    """
    orig = getattr(error, "orig", None)
    return orig if isinstance(orig, BaseException) else error


def storage_problem(error: BaseException, folder: Path | None) -> str | None:
    """The storage failure behind ``error`` in a few words; None when it is not one.

    ``folder`` is where the library lives, asked how much space is left
    when SQLite only says "disk I/O error" (None for a newsroom on a server).
    """
    error = driver_error(error)
    if isinstance(error, OSError):
        return _OS_PROBLEMS.get(error.errno or 0)
    if not isinstance(error, sqlite3.Error):
        return None
    primary = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if primary == sqlite3.SQLITE_FULL:
        return NO_SPACE
    if primary == sqlite3.SQLITE_IOERR:
        return NO_SPACE if folder is not None and _nearly_full(folder) else "disk I/O error"
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < _NEARLY_FULL
