"""Nothing is left beside a library that was refused, or whose creation was interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.library.conftest import file_digest, sql
from workstation.errors import LibraryError
from workstation.library.database import create_library, open_library

ROOT = Path(__file__).resolve().parents[2]


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def refused(new_library_file, tmp_path: Path) -> Path:
    """A WAL library, closed cleanly (nothing beside it), from a newer Workstation."""
    folder = tmp_path / "received"
    folder.mkdir()
    path = new_library_file(folder / "newer.wslib")
    open_library(path).close()
    sql(path, "UPDATE alembic_version SET version_num = '9999'")
    assert _listing(folder) == ["newer.wslib"]
    assert sql(path, "PRAGMA journal_mode") == [("wal",)]
    return path


@pytest.mark.parametrize("readonly", [False, True], ids=["edit", "readonly"])
def test_a_refused_library_gets_nothing_created_beside_it(refused: Path, readonly: bool) -> None:
    digest = file_digest(refused)
    with pytest.raises(LibraryError, match="newer version"):
        open_library(refused, readonly=readonly)
    assert _listing(refused.parent) == ["newer.wslib"]
    assert file_digest(refused) == digest


@pytest.mark.parametrize("command", ["check", "search", "export", "import"])
def test_a_refusing_command_leaves_the_folder_as_it_was(refused: Path, tmp_path: Path, command: str) -> None:
    digest = file_digest(refused)
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Trams\n---\nBody.\n", encoding="utf-8")
    extra = {"check": [], "search": ["trams"], "export": [tmp_path / "site"], "import": [story]}[command]
    result = subprocess.run([sys.executable, "-m", "workstation", command, refused, *extra],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "newer version" in result.stderr
    assert _listing(refused.parent) == ["newer.wslib"]
    assert file_digest(refused) == digest


def _start_demo(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "workstation", "demo", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)


def _wait_for_work_file(folder: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not any(name.endswith(".creating") for name in os.listdir(folder)):
        assert process.poll() is None, "the demo finished before it could be interrupted"
        assert time.monotonic() < deadline, "no work file appeared"
        time.sleep(0.005)


def test_a_creation_stopped_with_sigterm_leaves_nothing_behind(tmp_path: Path) -> None:
    demo = _start_demo(tmp_path / "demo.wslib")
    _wait_for_work_file(tmp_path, demo)
    demo.send_signal(signal.SIGTERM)
    assert demo.wait(timeout=60) != 0
    assert _listing(tmp_path) == []


def test_work_files_of_a_killed_creation_are_removed_by_the_next_one(tmp_path: Path) -> None:
    demo = _start_demo(tmp_path / "demo.wslib")
    _wait_for_work_file(tmp_path, demo)
    demo.kill()
    demo.wait(timeout=60)
    assert any(name.endswith(".creating") for name in _listing(tmp_path))
    create_library(tmp_path / "demo.wslib").close()
    assert _listing(tmp_path) == ["demo.wslib"]


def test_work_files_of_earlier_versions_are_removed_once_older_than_the_process(tmp_path: Path) -> None:
    leftover = tmp_path / ".news.wslib.k2j4_x9a.creating"
    leftover.write_bytes(b"SQLite format 3\x00")
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    create_library(tmp_path / "news.wslib").close()
    assert _listing(tmp_path) == ["news.wslib"]


def test_work_files_of_a_running_process_are_left_alone(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".news.wslib.{other.pid}-0a1b2c3d.creating"
        busy.write_bytes(b"")
        create_library(tmp_path / "news.wslib").close()
        assert _listing(tmp_path) == [busy.name, "news.wslib"]
    finally:
        other.kill()
        other.wait()


def test_work_files_for_other_names_are_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / ".other.wslib.1-0a1b2c3d.creating"
    theirs.write_bytes(b"")
    create_library(tmp_path / "news.wslib").close()
    assert theirs.exists()
