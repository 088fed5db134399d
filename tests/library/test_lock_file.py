"""The lock file beside a library is never reached through a link, and is only ever a regular file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.library.conftest import file_digest
from workstation.errors import LibraryError
from workstation.library.lock import LibraryLock, lock_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def thesis(tmp_path: Path) -> Path:
    """A file of the user's outside the library's folder, which a planted link points at."""
    target = tmp_path / "home" / "thesis.txt"
    target.parent.mkdir()
    target.write_text("Chapter 1. Four years of work.\n", encoding="utf-8")
    return target


def test_a_symlink_planted_at_the_lock_name_is_refused_and_its_target_untouched(library, thesis: Path) -> None:
    library.close()
    digest = file_digest(thesis)
    lock_path(library.path).symlink_to(thesis)
    with pytest.raises(LibraryError) as refusal:
        LibraryLock(library.path).acquire()
    assert str(refusal.value) == f"{lock_path(library.path)}: the lock file is a symbolic link; refusing to follow it"
    assert file_digest(thesis) == digest


def test_a_dangling_symlink_at_the_lock_name_creates_nothing(library, tmp_path: Path) -> None:
    library.close()
    target = tmp_path / "elsewhere" / "created-by-us"
    target.parent.mkdir()
    lock_path(library.path).symlink_to(target)
    with pytest.raises(LibraryError, match="symbolic link"):
        LibraryLock(library.path).acquire()
    assert not target.exists()


def test_the_import_command_refuses_a_planted_lock_link_with_one_line(library, thesis: Path, tmp_path: Path) -> None:
    library.close()
    digest = file_digest(thesis)
    lock_path(library.path).symlink_to(thesis)
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Trams\n---\nBody.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "workstation", "import", library.path, story],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (
        f"workstation: {lock_path(library.path)}: the lock file is a symbolic link; refusing to follow it\n"
    )
    assert file_digest(thesis) == digest


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_something_other_than_a_regular_file_at_the_lock_name_is_refused(library, kind: str) -> None:
    library.close()
    planted = lock_path(library.path)
    os.mkfifo(planted) if kind == "fifo" else planted.mkdir()
    with pytest.raises(LibraryError, match="lock file"):
        LibraryLock(library.path).acquire()


def test_who_holds_the_lock_is_never_read_through_a_link(library, thesis: Path) -> None:
    library.close()
    lock_path(library.path).symlink_to(thesis)
    assert LibraryLock(library.path).holder() == ""


def test_the_lock_records_its_holder_and_keeps_nothing_older(library) -> None:
    library.close()
    lock_path(library.path).write_text("pid 1 on a-much-longer-host-name-than-this-one.example.org\nstale\n")
    with LibraryLock(library.path) as lock:
        assert lock.held
        assert lock_path(library.path).read_text() == f"pid {os.getpid()} on {os.uname().nodename}\n"


def test_reading_the_holder_does_not_drop_the_lock(library) -> None:
    library.close()
    with LibraryLock(library.path) as lock:
        assert lock.holder().startswith(f"pid {os.getpid()} ")
        assert not LibraryLock(library.path).acquire()


def test_a_holder_line_with_terminal_escapes_is_shown_harmless(library) -> None:
    library.close()
    lock_path(library.path).write_text("pid 7 on \x1b]0;owned\x07host\n", encoding="utf-8")
    assert LibraryLock(library.path).holder() == "pid 7 on ?]0;owned?host"
