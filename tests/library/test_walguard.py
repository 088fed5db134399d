"""The journal (``-wal``) under the app: who can delete it, and what the app does if it is deleted."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from workstation.errors import WalUnlinked
from workstation.library.database import Library, open_library
from workstation.library.models import Setting
from workstation.library.walguard import recovery_text, wal_path, wal_unlinked, write_recovery_file

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")

READ_ONLY_READER = """
import sys
from workstation.library.database import open_library
from workstation.library.models import Setting
with open_library(sys.argv[1], readonly=True) as library, library.session() as session:
    session.query(Setting).count()
"""
WRITER = """
import sys
from workstation.library.database import open_library
from workstation.library.models import Setting
with open_library(sys.argv[1]) as library, library.transaction() as session:
    session.merge(Setting(key="other-process", value="1"))
"""


def put(library: Library, key: str) -> None:
    with library.transaction() as session:
        session.merge(Setting(key=key, value="1"))


def drop_locks(path: Path) -> None:
    """What a file dialog or a header check does: open the library file and close it again."""
    with open(path, "rb") as handle:
        handle.read(100)


def in_other_process(script: str, path: Path) -> None:
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)


def test_a_read_only_reader_in_another_process_never_deletes_the_journal(library: Library) -> None:
    put(library, "first")
    drop_locks(library.path)
    in_other_process(READ_ONLY_READER, library.path)
    put(library, "second")
    assert wal_path(library.path).exists()
    assert not wal_unlinked(library.path)


def test_a_second_writer_deletes_it_and_the_app_stops_saving(library: Library) -> None:
    heard: list[WalUnlinked] = []
    library.guard.on_unlinked(heard.append)
    put(library, "first")
    drop_locks(library.path)
    in_other_process(WRITER, library.path)
    with pytest.raises(WalUnlinked, match="saving has stopped"):
        put(library, "second")
    with pytest.raises(WalUnlinked):
        put(library, "third")
    assert len(heard) == 1


def test_a_healthy_library_passes_every_check_and_the_cost_is_printed(library: Library) -> None:
    put(library, "first")
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        library.guard.check()
    each = (time.perf_counter() - start) / rounds
    print(f"\nWAL check: {each * 1e6:.0f} µs with {len(os.listdir('/proc/self/fd'))} descriptors open")
    assert not library.guard.tripped


def test_the_recovery_file_is_written_beside_the_library(tmp_path: Path) -> None:
    library = tmp_path / "news.wslib"
    when = datetime(2026, 12, 6, 9, 30, 5)
    written = write_recovery_file(library, recovery_text({"headline": "Флот", "tags": ["a"]}, "Body text\n"), when)
    assert written == tmp_path / "news.wslib.recovered-20261206-093005.md"
    assert written.read_text(encoding="utf-8") == "---\nheadline: Флот\ntags:\n- a\n---\n\nBody text\n"


def test_the_recovery_file_never_replaces_a_file_or_follows_a_link(tmp_path: Path) -> None:
    library = tmp_path / "news.wslib"
    when = datetime(2026, 12, 6, 9, 30, 5)
    taken = tmp_path / "news.wslib.recovered-20261206-093005.md"
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours")
    taken.symlink_to(target)
    written = write_recovery_file(library, "words", when)
    assert written == tmp_path / "news.wslib.recovered-20261206-093005-2.md"
    assert target.read_text() == "not yours" and written.read_text() == "words"


def test_a_library_opened_again_after_a_clean_close_has_every_write(new_library_file) -> None:
    path = new_library_file()
    with open_library(path) as library:
        put(library, "kept")
        drop_locks(path)
        in_other_process(READ_ONLY_READER, path)
        put(library, "kept too")
    with open_library(path, readonly=True) as library, library.session() as session:
        assert {"kept", "kept too"} <= {row.key for row in session.query(Setting)}
