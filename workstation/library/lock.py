"""One writer per library file.

SQLite would happily let two Workstation windows write the same article in
turn, each silently overwriting the other's autosave. An advisory lock on a
file beside the library (``<library>.lock``) decides who may write; the
kernel drops it when its holder exits, even under ``kill -9``, so a crash
never leaves a library locked. The holder's pid and host are written into
the lock file only so the second instance can say who has it.

The lock file sits in a folder other people may write to (a shared disk,
a colleague's copy), so it is never reached through a symbolic link and
must be a regular file: a link planted at its name would otherwise have
its target truncated.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from workstation.errors import LibraryError


def lock_path(library_path: Path) -> Path:
    library_path = Path(library_path)
    return library_path.with_name(library_path.name + ".lock")


# The locks this process holds, by lock file: a lock is taken once per
# process (flock conflicts even between two descriptors of one process), so
# code that needs the lock for a moment (an upgrade) asks here first.
_held: dict[Path, LibraryLock] = {}


def held_here(library_path: Path) -> bool:
    """Whether this process already holds the write lock of ``library_path``."""
    return _key(lock_path(library_path)) in _held


def _key(path: Path) -> Path:
    # The folder resolved, the name itself not followed: it is never a link we use.
    return path.parent.resolve() / path.name


class LibraryLock:
    """The write lock on one library; ``acquire`` never blocks."""

    def __init__(self, library_path: Path) -> None:
        self.path = lock_path(library_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it.

        Raises ``LibraryError`` when the lock file cannot be created at all,
        or when something other than a regular file sits at its name.
        """
        if self._fd is not None:
            return True
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        # The host from uname, which gethostname reads too: the socket module (a few ms to import, at
        # every command that locks a library) is not needed for it.
        os.write(fd, f"pid {os.getpid()} on {os.uname().nodename}\n".encode())
        self._fd = fd
        _held[_key(self.path)] = self
        return True

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            if self.path.is_symlink():
                raise LibraryError(f"{self.path}: the lock file is a symbolic link; refusing to follow it") from None
            raise LibraryError(f"{self.path}: cannot create the lock file ({exc.strerror or exc})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise LibraryError(f"{self.path}: the lock file is not a regular file; refusing to use it")
        return fd

    def holder(self) -> str:
        """Who holds the lock, as written by the holder ("pid 123 on host")."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            return ""
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return ""
            text = os.read(fd, 400).decode("utf-8", errors="replace").strip()
        finally:
            os.close(fd)
        first = text.splitlines()[0][:200] if text else ""
        # Anyone can write this file: what it says is shown, never obeyed by a terminal.
        return "".join(c if c.isprintable() else "?" for c in first)

    def release(self) -> None:
        if self._fd is None:
            return
        _held.pop(_key(self.path), None)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> LibraryLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
