"""A library whose last checkpoint was cut short (a full disk, a kill) still opens.

Its main file may then be shorter than the page count its header records,
with the missing pages in the ``-wal`` file, where SQLite reads them. A
library SQLite can open must never be refused by our own heuristics.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from workstation.library.database import open_library
from workstation.library.models import Article

ROOT = Path(__file__).resolve().parents[2]
STORIES = 60
NOW = "2026-12-06T08:00:00+00:00"


def _interrupted_checkpoint(source: Path, target: Path) -> None:
    """A copy of ``source`` as a checkpoint cut short leaves it: page 1 and part of the file written, all in the WAL.

    Rows are written with automatic checkpoints off, so every new page is in
    the WAL; a passive checkpoint then writes them into the main file (page 1
    with the new page count first) without emptying the WAL. The copy takes
    the WAL whole and the main file only up to its size before the rows.
    """
    size_before = source.stat().st_size
    connection = sqlite3.connect(source)
    try:
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        with connection:
            for i in range(STORIES):
                connection.execute(
                    "INSERT INTO articles(slug, headline, dek, body, status, created_at, updated_at, seo_title, "
                    "seo_description, feature_caption, feature_alt) VALUES (?, ?, '', ?, 'draft', ?, ?, '', '', '', '')",
                    (f"story-{i}", f"Story {i}", f"Paragraph {i}. " * 300, NOW, NOW),
                )
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        shutil.copyfile(f"{source}-wal", f"{target}-wal")
        with source.open("rb") as main, target.open("wb") as copy:
            copy.write(main.read(size_before))
    finally:
        connection.close()


@pytest.fixture
def after_full_disk(library, tmp_path: Path) -> Path:
    library.close()
    target = tmp_path / "after-full-disk.wslib"
    _interrupted_checkpoint(library.path, target)
    return target


def test_the_made_library_is_shorter_than_its_header_says_and_sqlite_reads_it_whole(after_full_disk: Path) -> None:
    header = after_full_disk.read_bytes()[:100]
    page_size, page_count = int.from_bytes(header[16:18], "big"), int.from_bytes(header[28:32], "big")
    assert after_full_disk.stat().st_size < page_size * page_count
    connection = sqlite3.connect(f"{after_full_disk.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def test_a_library_whose_checkpoint_was_interrupted_opens_with_every_article(after_full_disk: Path) -> None:
    with open_library(after_full_disk) as reopened, reopened.session() as session:
        assert len(session.scalars(select(Article)).all()) == STORIES


def test_check_finds_nothing_wrong_with_a_library_whose_checkpoint_was_interrupted(after_full_disk: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "workstation", "check", after_full_disk],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
