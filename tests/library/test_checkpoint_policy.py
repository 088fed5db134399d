"""A shoot's worth of commits stays in the write-ahead log (up to 16 MiB of it); close moves it into the file.

Checkpointing after every 4 MiB (SQLite's default) made each imported
camera JPEG pay for copying the log into the file and two fsyncs.
"""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from workstation.library.database import CHECKPOINT_BYTES, Library, open_library
from workstation.library.import_store import Checkpointer
from workstation.library.importer import import_paths
from workstation.library.models import Setting

MEGABYTE = 1024 * 1024


def commit_megabytes(library: Library, count: int) -> None:
    """``count`` commits of a megabyte each, as text that no page can share."""
    for number in range(count):
        with library.transaction() as session:
            session.add(Setting(key=f"bulk-{number}", value=os.urandom(MEGABYTE // 2).hex()))


def test_a_shoots_worth_of_commits_waits_in_the_log(tmp_path: Path) -> None:
    path = tmp_path / "shoot.wslib"
    library = open_library(path, create=True)
    size = path.stat().st_size
    commit_megabytes(library, 12)  # three times SQLite's own threshold
    assert path.stat().st_size == size
    library.close()
    assert path.stat().st_size > size + 12 * MEGABYTE
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_an_imports_commits_are_copied_into_the_file_while_the_library_stays_open(tmp_path: Path) -> None:
    path = tmp_path / "shoot.wslib"
    library = open_library(path, create=True)
    size = path.stat().st_size
    try:
        with Checkpointer(library).running() as checkpointer:
            commit_megabytes(library, 2)
            checkpointer.committed()
            deadline = time.monotonic() + 60
            while path.stat().st_size <= size + MEGABYTE:
                assert time.monotonic() < deadline, "the commits never reached the file"
                time.sleep(0.01)
    finally:
        library.close()


def photo_of(megabytes: int, seed: int) -> bytes:
    """A small JPEG followed by ``megabytes`` of bytes no page can share (as a phone appends a second picture)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (seed, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue() + os.urandom(megabytes * MEGABYTE)


def test_an_imports_log_stays_bounded_when_the_disk_is_slower_than_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoint = Checkpointer.checkpoint

    def slow(self: Checkpointer) -> int:
        time.sleep(0.3)
        return checkpoint(self)

    monkeypatch.setattr(Checkpointer, "checkpoint", slow)
    for index in range(10):
        (tmp_path / f"{index:02d}.jpg").write_bytes(photo_of(4, index))
    path = tmp_path / "shoot.wslib"
    library = open_library(path, create=True)
    try:
        report = import_paths(library, [tmp_path])
        assert len(report.photos) == 10
        assert Path(f"{path}-wal").stat().st_size <= CHECKPOINT_BYTES + 3 * 4 * MEGABYTE
    finally:
        library.close()


def test_a_photo_waits_for_the_copying_once_two_commits_are_behind_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = threading.Event()

    def held_up(_self: Checkpointer) -> int:
        """A checkpoint that finishes only once the disk is let go; the log then holds nothing."""
        disk.wait(60)
        return 0

    monkeypatch.setattr(Checkpointer, "checkpoint", held_up)
    library = open_library(tmp_path / "shoot.wslib", create=True)
    try:
        with Checkpointer(library).running() as checkpointer:
            checkpointer.committed()
            checkpointer.keep_up()  # one commit behind: the photo goes ahead
            checkpointer.committed()
            timer = threading.Timer(0.2, disk.set)
            timer.start()
            checkpointer.keep_up()
            assert disk.is_set()
            timer.join()
    finally:
        library.close()
