"""An export into a new folder whose renditions are all in the cache reads no original, so it loads no ORM."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.fresh_export import ORM, child_export
from workstation.cli import main

pytestmark = pytest.mark.usefixtures("own_cache")


def test_a_warm_export_into_a_new_folder_does_not_import_the_orm(library_file: Path, tmp_path: Path) -> None:
    assert main(["export", str(library_file), str(tmp_path / "first")]) == 0
    assert main(["export", str(library_file), str(tmp_path / "second")]) == 0  # the library's id is a write of its own
    assert child_export(library_file, tmp_path / "third", ORM) == ("0", "-")
    assert any((tmp_path / "third" / "images").iterdir())


def test_a_rendition_missing_from_the_cache_is_still_made_from_the_original(library_file: Path, tmp_path: Path) -> None:
    assert main(["export", str(library_file), str(tmp_path / "first")]) == 0
    for rendition in (tmp_path / "cache").rglob("*.webp"):
        rendition.unlink()
    assert child_export(library_file, tmp_path / "second", ORM)[0] == "0"
    made = sorted(path.name for path in (tmp_path / "second" / "images").iterdir())
    assert made == sorted(path.name for path in (tmp_path / "first" / "images").iterdir())
