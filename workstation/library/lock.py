"""One writer per library file.

SQLite would happily let two Workstation windows write the same article in
turn, each silently overwriting the other's autosave. An advisory lock on a
file beside the library (``<library>.lock``) decides who may write; the
kernel drops it when its holder exits, even under ``kill -9``, so a crash
never leaves a library locked. The holder's pid and host are written into
the lock file only so the second instance can say who has it.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from typing import IO

from workstation.errors import LibraryError


def lock_path(library_path: Path) -> Path:
    library_path = Path(library_path)
    return library_path.with_name(library_path.name + ".lock")


class LibraryLock:
    """The write lock on one library; ``acquire`` never blocks."""

    def __init__(self, library_path: Path) -> None:
        self.path = lock_path(library_path)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it.

        Raises ``LibraryError`` when the lock file cannot be created at all.
        """
        if self._handle is not None:
            return True
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise LibraryError(f"{self.path}: cannot create the lock file ({exc.strerror or exc})") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
        handle.flush()
        self._handle = handle
        return True

    def holder(self) -> str:
        """Who holds the lock, as written by the holder ("pid 123 on host")."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        return text.splitlines()[0][:200] if text else ""

    def release(self) -> None:
        if self._handle is None:
            return
        fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> LibraryLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
