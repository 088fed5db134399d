"""An older library is upgraded only under its write lock, and a failed upgrade changes nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.library.conftest import file_digest, make_library_at_revision, sql
from workstation.errors import LibraryError, LibraryLocked
from workstation.library import database
from workstation.library.database import HEAD, open_library
from workstation.library.lock import LibraryLock, lock_path

ROOT = Path(__file__).resolve().parents[2]
IMPORTERS = 6


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "old.wslib"
    make_library_at_revision(path, "0002")
    return path


def _lock_in_another_process(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from workstation.library.lock import LibraryLock; "
         "lock = LibraryLock(Path(sys.argv[1])); assert lock.acquire(); print('held', flush=True); time.sleep(120)",
         str(path)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_an_old_library_locked_by_another_process_is_not_upgraded(old_library: Path) -> None:
    digest = file_digest(old_library)
    holder = _lock_in_another_process(old_library)
    listing = sorted(p.name for p in old_library.parent.iterdir())
    try:
        with pytest.raises(LibraryLocked, match="open in another Workstation .*; close it first to upgrade the library"):
            open_library(old_library)
    finally:
        holder.kill()
        holder.wait()
    assert file_digest(old_library) == digest
    assert sorted(p.name for p in old_library.parent.iterdir()) == listing


def test_a_process_that_holds_the_lock_upgrades_under_it(old_library: Path) -> None:
    with LibraryLock(old_library) as lock:
        assert lock.held
        open_library(old_library).close()
        assert lock.held
    assert sql(old_library, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_the_upgrade_lock_is_released_afterwards(old_library: Path) -> None:
    open_library(old_library).close()
    lock = LibraryLock(old_library)
    assert lock.acquire()
    lock.release()


def test_concurrent_imports_into_an_old_library_upgrade_it_once_and_never_fail_half_way(
    old_library: Path, tmp_path: Path
) -> None:
    stories = []
    for i in range(IMPORTERS):
        story = tmp_path / f"story-{i}.md"
        story.write_text(f"---\ntitle: Story {i}\nslug: story-{i}\n---\nParagraph {i}.\n", encoding="utf-8")
        stories.append(story)
    importers = [
        subprocess.Popen([sys.executable, "-m", "workstation", "import", str(old_library), str(story)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for story in stories
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in importers]  # type: ignore[union-attr]
    for code, stderr in outcomes:
        assert code in (0, 2), stderr
        if code == 2:
            assert stderr.count("\n") == 1 and "open in another Workstation" in stderr, stderr
    assert sql(old_library, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert sql(old_library, "PRAGMA integrity_check") == [("ok",)]
    imported = {slug for (slug,) in sql(old_library, "SELECT slug FROM articles")}
    assert imported == {f"story-{i}" for i, (code, _e) in enumerate(outcomes) if code == 0}
    backups = [p for p in old_library.parent.iterdir() if ".backup-schema0002-" in p.name]
    assert len(backups) == 1


def test_a_failed_upgrade_leaves_the_original_byte_for_byte_and_nothing_beside_it(
    old_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = file_digest(old_library)
    listing = sorted(p.name for p in old_library.parent.iterdir())
    migrate = database._run_migrations

    def migrate_then_fail(engine):  # type: ignore[no-untyped-def]
        migrate(engine)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(database, "_run_migrations", migrate_then_fail)
    with pytest.raises(LibraryError) as refusal:
        open_library(old_library)
    assert str(refusal.value) == (
        f"{old_library}: upgrading the library failed (disk I/O error); the original is unchanged"
    )
    assert file_digest(old_library) == digest
    assert sorted(p.name for p in old_library.parent.iterdir()) == [*listing, lock_path(old_library).name]


def test_an_upgrade_takes_changes_still_in_the_wal_along(old_library: Path, tmp_path: Path) -> None:
    """A library left by a killed process: committed rows still only in its ``-wal`` file."""
    killed = tmp_path / "killed.wslib"
    connection = sqlite3.connect(old_library)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        with connection:
            connection.execute("INSERT INTO settings VALUES ('site_name', 'Kharkiv Daily')")
        shutil.copyfile(old_library, killed)
        shutil.copyfile(f"{old_library}-wal", f"{killed}-wal")
    finally:
        connection.close()
    assert os.path.getsize(f"{killed}-wal") > 0
    open_library(killed).close()
    assert sql(killed, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert sql(killed, "SELECT value FROM settings WHERE key = 'site_name'") == [("Kharkiv Daily",)]


def test_an_upgraded_library_is_in_wal_mode_with_only_its_backup_and_lock_beside_it(old_library: Path) -> None:
    open_library(old_library).close()
    assert sql(old_library, "PRAGMA journal_mode") == [("wal",)]
    names = sorted(p.name for p in old_library.parent.iterdir())
    assert len(names) == 3 and names[0].startswith("old.backup-schema0002-")
    assert names[1:] == ["old.wslib", "old.wslib.lock"]
