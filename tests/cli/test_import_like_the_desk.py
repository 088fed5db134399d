"""``workstation import`` of photos stores what the photo desk's import stores, field for field and byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import inspect, select

from workstation.cli import main
from workstation.editing.imports import decode_here, import_photos
from workstation.library.database import Library, open_library
from workstation.library.models import Photo
from workstation.library.photos import load_original

# Set per import, whoever imports.
OWN = {"id", "imported_at", "updated_at"}


def shoot(folder: Path, fixtures: Path) -> Path:
    """Camera and agency files with their metadata, and a frame of camera size, turned by its EXIF."""
    folder.mkdir()
    for name in ("IPTC.jpg", "XMP.jpg", "GPS.jpg", "Canon.jpg"):
        shutil.copyfile(fixtures / name, folder / name)
    frame = Image.linear_gradient("L").resize((1800, 1200)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    frame.save(folder / "turned.jpg", "JPEG", quality=90, exif=exif)
    return folder


def stored(library: Library) -> dict[str, dict[str, Any]]:
    """Every photo's columns (but those each import sets itself), thumbnail and original, by content hash."""
    with library.session() as session:
        photos = {}
        for photo in session.scalars(select(Photo)):
            columns = {attr.key: getattr(photo, attr.key) for attr in inspect(Photo).column_attrs if attr.key not in OWN}
            columns["original"] = load_original(session, photo.id)
            columns["thumbnail"] = (photo.thumbnail.data, photo.thumbnail.width, photo.thumbnail.height)
            photos[photo.sha256] = columns
    return photos


def test_the_command_line_stores_photos_as_the_desk_does(
    tmp_path: Path, fixture_photos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = shoot(tmp_path / "card", fixture_photos)
    monkeypatch.setenv("PYTHONWARNINGS", "default")  # the command sets it for its own process
    assert main(["import", str(tmp_path / "cli.wslib"), str(folder)]) == 0
    desk = open_library(tmp_path / "desk.wslib", create=True)
    try:
        report = import_photos(desk, [folder], decode=decode_here)
        assert report.landed == 5 and not report.refused
        from_desk = stored(desk)
    finally:
        desk.close()
    with open_library(tmp_path / "cli.wslib", readonly=True) as cli:
        from_cli = stored(cli)
    assert from_cli == from_desk and len(from_cli) == 5
