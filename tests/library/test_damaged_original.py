"""A photo original that is not bytes (text, a number) is a damaged original: a finding, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.library.conftest import exiftool, jpeg_bytes, sql
from workstation.errors import LibraryError
from workstation.library.database import open_library
from workstation.library.photos import load_original

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workstation", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def damaged_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with one published article whose lead photo's original was replaced by text.

    Imported by the real command (a fresh interpreter making a new library) once a module; tests take copies.
    """
    folder = tmp_path_factory.mktemp("damaged")
    story = folder / "story"
    story.mkdir()
    tram = story / "tram.jpg"
    tram.write_bytes(jpeg_bytes(seed=len(tram.name)))
    exiftool(tram, "-XMP-dc:Creator=Olena Koval", "-XMP-iptcCore:AltTextAccessibility=A red tram")
    (story / "trams.md").write_text(
        "---\ntitle: Trams return\nslug: trams\nstatus: published\nauthors: [Olena Koval]\n"
        "image: tram.jpg\nimage_alt: A red tram\n---\nThe depot reopened.\n",
        encoding="utf-8",
    )
    path = folder / "news.wslib"
    result = _cli("import", path, story)
    assert result.returncode == 0, result.stderr
    sql(path, "UPDATE photo_originals SET data = 'not a picture, only text'")
    return path


@pytest.fixture
def damaged(damaged_once: Path, tmp_path: Path) -> Path:
    """This test's copy of the damaged library."""
    return Path(shutil.copyfile(damaged_once, tmp_path / "news.wslib"))


@pytest.mark.parametrize("value", ["'not a picture, only text'", "42", "4.5"])
def test_loading_an_original_that_is_not_bytes_is_refused_with_one_line(damaged: Path, value: str) -> None:
    sql(damaged, f"UPDATE photo_originals SET data = {value}")
    with open_library(damaged) as library, library.session() as session:
        with pytest.raises(LibraryError) as refusal:
            load_original(session, 1)
    assert str(refusal.value) == "photo 1 (tram.jpg): the stored original is damaged (it is not image data)"


def test_check_reports_an_original_stored_as_text_as_a_finding(damaged: Path) -> None:
    result = _cli("check", damaged)
    assert result.returncode == 1
    assert "photo 1: the stored original is damaged (it is not image data); restore it from a backup\n" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_single_file_export_of_an_article_with_such_a_photo_says_so_in_one_line(
    damaged: Path, tmp_path: Path
) -> None:
    result = _cli("export", damaged, tmp_path / "out", "--single-file", "--article", "trams")
    assert result.returncode == 2
    assert result.stderr == (
        "workstation: photo 1 (tram.jpg): the stored original is damaged (it is not image data)\n"
    )
