"""Work in progress beside a library: hidden names that never outlive their work.

A library is built, copied and upgraded under a temporary name in its own
folder, then renamed into place, so the final name only ever holds a whole
file. Those names are ``.NAME.<pid>-<random>.<purpose>``: removed when the
work ends however it ends (an error, Ctrl-C, a polite ``kill``), and, when
the process was killed outright, recognised as stale by the next piece of
work on the same NAME, because the pid in them is no longer running.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# What an SQLite database under a temporary name may leave beside it.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")
_STARTED = time.time()
_PURPOSES = "creating|upgrading|partial"
_WORK_PART = rf"\.(?:\d+-)?[A-Za-z0-9_]+\.(?:{_PURPOSES})"
_PID = re.compile(rf"\.(\d+)-[A-Za-z0-9_]+\.(?:{_PURPOSES})")


def _name_pattern(path: Path) -> re.Pattern[str]:
    # Work on a work file (the demo builds its library under a temporary
    # name, which is in turn created under one) nests: "..NAME.1-a.creating.1-b.creating".
    return re.compile(rf"\.+{re.escape(path.name)}(?:{_WORK_PART})+(?:-wal|-shm|-journal)?")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(path: Path) -> None:
    """Remove work files for ``path`` left by processes that no longer run.

    Names without a pid come from earlier versions; they count as stale
    once they are older than this process.
    """
    pattern = _name_pattern(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) is None or not entry.is_file(follow_symlinks=False):
            continue
        pids = [int(pid) for pid in _PID.findall(entry.name)]
        try:
            stale = not any(map(_running, pids)) if pids else entry.stat(follow_symlinks=False).st_mtime < _STARTED
            if stale:
                os.unlink(entry.path)
        except OSError:
            continue


@contextmanager
def temporary_beside(path: Path, purpose: str) -> Iterator[Path]:
    """A fresh hidden name beside ``path`` for ``purpose``; it and SQLite's side files are gone afterwards.

    Nothing exists under the name yet; the caller creates it, and renames it
    into place before leaving if the work succeeded.
    """
    path = Path(path)
    _remove_stale(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.{purpose}")
    try:
        with _terminate_as_exit():
            yield temp
    finally:
        for suffix in _SIDE_FILES:
            Path(f"{temp}{suffix}").unlink(missing_ok=True)


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Let SIGTERM unwind through ``finally`` blocks instead of killing the process on the spot.

    Only from the main thread (where Python runs signal handlers) and only
    when nobody else handles SIGTERM already.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def exit_on_terminate(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, exit_on_terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_bytes(source: Path, target: Path) -> None:
    """A byte-for-byte copy of ``source`` at ``target``, which appears only once it is whole and on disk."""
    with temporary_beside(target, "partial") as temp:
        shutil.copyfile(source, temp)
        sync_file(temp)
        os.replace(temp, target)
    sync_folder(target.parent)
