"""``workstation forget-caches`` and what the export leaves in the user's cache folder.

The commands run in this process with the cache folder set for them
(``tests.command_line``); the first test runs a real export and
``forget-caches``, whose whole cache folder (compiled templates too) is
the one under test.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.cli.conftest import ROOT
from tests.command_line import workstation
from workstation.library.lock import LibraryLock


def run(cache_home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command line, with its cache folder at ``cache_home``."""
    return workstation(*args, env={"XDG_CACHE_HOME": str(cache_home)})


def run_process(cache_home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it, a process of its own, with its cache folder at ``cache_home``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run(
        [sys.executable, "-m", "workstation", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
    )


def headlines(library: Path) -> list[bytes]:
    with sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True) as db:
        return [row[0].encode() for row in db.execute("SELECT headline FROM articles WHERE status = 'published'")]


def files_holding(folder: Path, words: list[bytes]) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and any(w in p.read_bytes() for w in words)]


def rendered_entries(library: Path) -> int:
    with sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT count(*) FROM render_cache").fetchone()[0])


@pytest.fixture(scope="module")
def published_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two published stories, each with a lead photo big enough for renditions, imported by the real command."""
    folder = tmp_path_factory.mktemp("forget-caches")
    for number, colour in enumerate([(40, 90, 140), (150, 60, 40)]):
        Image.new("RGB", (1600, 1000), colour).save(folder / f"lead-{number}.jpg", quality=80)
        (folder / f"story-{number}.md").write_text(
            f"---\ntitle: Ferry story number {number}\nslug: ferry-{number}\nstatus: published\n"
            f"image: lead-{number}.jpg\nimage_alt: The ferry at the pier\n---\nThe ferry ran on time.\n",
            encoding="utf-8",
        )
    library = folder / "published.wslib"
    result = workstation("import", library, *sorted(folder.glob("*.md")))
    assert result.returncode == 0, result.stderr
    return library


@pytest.fixture
def own_library(published_library: Path, tmp_path: Path) -> Path:
    target = tmp_path / "mine.wslib"
    shutil.copyfile(published_library, target)
    return target


def test_deleting_a_library_and_forgetting_caches_leaves_none_of_its_pages(own_library: Path, tmp_path: Path) -> None:
    cache_home = tmp_path / "xdg-cache"
    words = headlines(own_library)
    assert words
    assert run_process(cache_home, "export", own_library, tmp_path / "site").returncode == 0
    assert files_holding(cache_home, words) == []
    assert rendered_entries(own_library) > 0
    own_library.unlink()
    result = run_process(cache_home, "forget-caches")
    assert result.returncode == 0, result.stderr
    assert not (cache_home / "workstation").exists()


def test_forgetting_one_library_keeps_the_caches_of_another(
    published_library: Path, own_library: Path, tmp_path: Path
) -> None:
    cache_home = tmp_path / "xdg-cache"
    other = tmp_path / "other.wslib"
    shutil.copyfile(published_library, other)
    for library, site in ((own_library, "a"), (other, "b")):
        assert run(cache_home, "export", library, tmp_path / site).returncode == 0
    renditions = cache_home / "workstation" / "renditions"
    assert len(list(renditions.iterdir())) == 2
    result = run(cache_home, "forget-caches", own_library)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"forgot the caches of {own_library}\n"
    [left] = renditions.iterdir()
    assert any(left.rglob("*.jpg"))
    assert run(cache_home, "export", other, tmp_path / "b2").returncode == 0
    assert [p.name for p in renditions.iterdir()] == [left.name]


def test_the_old_shared_page_cache_is_deleted_and_never_written_again(own_library: Path, tmp_path: Path) -> None:
    cache_home = tmp_path / "xdg-cache"
    legacy = cache_home / "workstation" / "rendered.sqlite"
    legacy.parent.mkdir(parents=True)
    with sqlite3.connect(legacy) as db:
        db.execute("CREATE TABLE rendered (key TEXT PRIMARY KEY, html BLOB, used_at INTEGER)")
        db.execute("INSERT INTO rendered VALUES ('page:x', '<h1>Another library''s story</h1>', 0)")
    db.close()
    assert run(cache_home, "forget-caches", own_library).returncode == 0
    assert not legacy.exists()
    assert run(cache_home, "export", own_library, tmp_path / "site").returncode == 0
    assert not legacy.exists()


def test_forget_caches_of_a_file_that_is_not_a_library_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.wslib"
    bogus.write_text("not a library")
    result = run(tmp_path / "xdg-cache", "forget-caches", bogus)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and result.stderr.startswith("workstation: ")


def test_an_export_while_the_app_holds_the_library_renders_but_stores_no_cache(
    own_library: Path, tmp_path: Path
) -> None:
    with LibraryLock(own_library) as lock:
        assert lock.held
        result = run(tmp_path / "xdg-cache", "export", own_library, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert rendered_entries(own_library) == 0
