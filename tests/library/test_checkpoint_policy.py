"""A shoot's worth of commits stays in the write-ahead log (up to 16 MiB of it); close moves it into the file.

Checkpointing after every 4 MiB (SQLite's default) made each imported
camera JPEG pay for copying the log into the file and two fsyncs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from workstation.library.database import Library, open_library
from workstation.library.import_store import Checkpointer
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
