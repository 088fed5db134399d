"""A full disk is said as "no space left on device", in one line, and costs no data.

The disk is a small tmpfs mounted for the test (skipped where mounting is
not allowed); ``PRAGMA max_page_count`` gives SQLite's own "full" without one.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.library.conftest import file_digest, make_library_at_revision, sql
from workstation.errors import LibraryError
from workstation.library.database import create_library, open_library
from workstation.library.models import Article

NO_SPACE = "no space left on device"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 4 MB tmpfs: a disk that fills up quickly."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here ({mounted.stderr.decode().strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk under ``folder`` until at most ``leave`` bytes are free; returns the filler file."""
    filler = folder / "filler.bin"
    with filler.open("wb") as out:
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            chunk = min(64 * 1024, free - leave)
            if chunk <= 0:
                break
            try:
                out.write(b"\0" * chunk)
                out.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    return filler


def test_saving_on_a_full_disk_says_no_space_left_and_saves_nothing(new_library_file, small_disk: Path) -> None:
    path = new_library_file(small_disk / "news.wslib")
    library = open_library(path)
    filler = _fill(small_disk)
    with pytest.raises(LibraryError) as refusal, library.transaction() as session:
        session.add(Article(slug="long-read", headline="A long read", body="Paragraph. " * 200_000))
    library.close()
    assert str(refusal.value) == f"{path}: the changes could not be saved ({NO_SPACE})"
    filler.unlink()
    with open_library(path) as reopened, reopened.session() as session:
        assert session.scalars(select(Article)).all() == []


@pytest.mark.parametrize("readonly", [False, True], ids=["edit", "readonly"])
def test_opening_on_a_full_disk_says_no_space_left_not_damaged(
    new_library_file, small_disk: Path, readonly: bool
) -> None:
    path = new_library_file(small_disk / "news.wslib")
    open_library(path).close()
    digest = file_digest(path)
    _fill(small_disk)
    with pytest.raises(LibraryError) as refusal:
        open_library(path, readonly=readonly).close()
    assert str(refusal.value) == (
        f"{path}: cannot be opened for {'reading' if readonly else 'writing'} ({NO_SPACE})"
    )
    assert file_digest(path) == digest


def test_an_upgrade_without_room_for_its_backup_says_so_and_leaves_nothing(small_disk: Path) -> None:
    path = small_disk / "old.wslib"
    make_library_at_revision(path, "0002")
    digest = file_digest(path)
    _fill(small_disk, leave=path.stat().st_size // 2)
    listing = sorted(os.listdir(small_disk))
    with pytest.raises(LibraryError) as refusal:
        open_library(path)
    assert str(refusal.value) == f"{path}: could not write the backup copy before upgrading ({NO_SPACE})"
    assert file_digest(path) == digest
    assert sorted(os.listdir(small_disk)) == [*listing, "old.wslib.lock"]


def test_a_library_that_reached_its_page_limit_says_no_space_left(library) -> None:
    with library.transaction() as session:
        session.add(Article(slug="short", headline="Short"))
    with pytest.raises(LibraryError) as refusal, library.transaction() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
        session.connection().exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        session.add(Article(slug="long-read", headline="A long read", body="Paragraph. " * 50_000))
    assert str(refusal.value) == f"{library.path}: the changes could not be saved ({NO_SPACE})"
    assert sql(library.path, "SELECT slug FROM articles") == [("short",)]


def test_creating_a_library_on_a_full_disk_says_so_and_leaves_nothing(small_disk: Path) -> None:
    _fill(small_disk)
    listing = sorted(os.listdir(small_disk))
    with pytest.raises(LibraryError) as refusal:
        create_library(small_disk / "news.wslib")
    assert str(refusal.value) == f"{small_disk / 'news.wslib'}: the library could not be created ({NO_SPACE})"
    assert sorted(os.listdir(small_disk)) == listing


def test_an_import_on_a_full_disk_says_so_in_plain_lines(
    new_library_file, small_disk: Path, tmp_path: Path
) -> None:
    path = new_library_file(small_disk / "news.wslib")
    open_library(path).close()
    story = tmp_path / "long-read.md"
    story.write_text("---\ntitle: A long read\n---\n" + "Paragraph. " * 200_000, encoding="utf-8")
    _fill(small_disk, leave=200 * 1024)
    result = subprocess.run([sys.executable, "-m", "workstation", "import", path, story],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert all(line.startswith("workstation: ") for line in lines), lines
    assert f"workstation: refused {story}: {NO_SPACE}" in lines
