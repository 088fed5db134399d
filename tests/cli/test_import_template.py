"""``workstation import LIBRARY PATH --template NAME``: the desk's ingest template, from the command line."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.command_line import workstation
from workstation.editing.ingest_setup import store_template
from workstation.library.database import open_library
from workstation.library.models import Photo


def frames(folder: Path, count: int = 2) -> Path:
    folder.mkdir()
    for n in range(count):
        Image.new("RGB", (200, 150), (40 * n, 90, 150)).save(folder / f"IMG_{n + 1}.jpg", "JPEG")
    return folder


def test_the_named_template_is_filled_into_every_new_photo(new_library_file, tmp_path: Path) -> None:
    path = new_library_file()
    with open_library(path) as library:
        store_template(library, "Desk", {"caption": {"value": "{seq}/{filename}", "mode": "replace"},
                                         "source": {"value": "Staff", "mode": "replace"}})
    result = workstation("import", path, frames(tmp_path / "card"), "--template", "Desk")
    assert result.returncode == 0, result.stderr
    with open_library(path) as library, library.session() as session:
        assert sorted((p.caption, p.source) for p in session.query(Photo)) == [("1/IMG_1", "Staff"), ("2/IMG_2", "Staff")]


def test_an_unknown_template_is_one_line_exit_2_and_nothing_imported(new_library_file, tmp_path: Path) -> None:
    path = new_library_file()
    result = workstation("import", path, frames(tmp_path / "card"), "--template", "Nope")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "no ingest template named 'Nope'" in result.stderr
    with open_library(path) as library, library.session() as session:
        assert session.query(Photo).count() == 0
