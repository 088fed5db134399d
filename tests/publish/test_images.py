"""Exported images: credit and copyright kept, GPS and camera identity gone (checked by exiftool)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from tests.exiftool import exiftool as run_exiftool
from workstation.library.database import Library
from workstation.library.models import Article, Photo, Section
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes
from workstation.publish.site import export_site


def exiftool(paths: list[Path]) -> list[dict]:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed")
    out = run_exiftool("-j", "-G1", *map(str, paths))
    return json.loads(out.stdout)


@pytest.fixture
def lead_files(export: Callable[..., Path], newsroom: Library) -> list[Path]:
    with newsroom.session() as session:
        sha = session.query(Photo).filter_by(original_filename="frontline.jpg").one().sha256
    site = export()
    files = sorted((site / "images").glob(f"{sha[:16]}-*"))
    assert len(files) >= 8
    return files


def test_exported_images_lose_gps_serials_and_owner(lead_files: list[Path]) -> None:
    for tags in exiftool(lead_files):
        keys = " ".join(tags)
        assert "GPS" not in keys, tags["SourceFile"]
        assert "SerialNumber" not in keys and "OwnerName" not in keys, tags["SourceFile"]


def test_exported_images_keep_creator_credit_and_copyright(lead_files: list[Path]) -> None:
    for tags in exiftool(lead_files):
        values = {k.split(":")[-1]: v for k, v in tags.items()}
        assert values.get("Artist") == "Olena Kovalenko" or values.get("Creator") == "Olena Kovalenko"
        assert "Northern Agency via Wire Service" in json.dumps(tags, ensure_ascii=False)
        assert "© 2026 Northern Agency" in json.dumps(tags, ensure_ascii=False)


def test_renditions_are_never_upscaled(export: Callable[..., Path]) -> None:
    site = export()
    widths = {int(p.name.split("-")[1]) for p in (site / "images").glob("*") if not p.name.startswith("avatar-")}
    assert max(widths) <= 2000


def test_social_crops_have_their_aspect(lead_files: list[Path]) -> None:
    from PIL import Image

    shapes = {}
    for path in lead_files:
        if "x" in path.name.split("-")[2] and int(path.name.split("-")[1]) > 1000:
            with Image.open(path) as image:
                shapes[path.name.split("-")[2]] = image.size
    assert shapes == {"16x9": (1600, 900), "4x3": (1600, 1200), "1x1": (1333, 1333)}


def test_exported_files_are_readable_by_a_web_server(export: Callable[..., Path]) -> None:
    site = export()
    for path in site.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o044 == 0o044, path


@pytest.fixture
def camera_site(library: Library, fixture_photos: Path, tmp_path: Path, cache_dir: Path) -> Path:
    """A sideways-tagged photo as the lead and a real Canon file (with maker notes) in the body."""
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed")
    sideways = tmp_path / "sideways.jpg"
    Image.new("RGB", (1200, 800), (40, 90, 140)).save(sideways, "JPEG")
    run_exiftool("-q", "-overwrite_original", "-Orientation#=6", str(sideways))
    with library.transaction() as session:
        section = Section(slug="news", name="News")
        lead, _ = add_photo(session, ingest_bytes(sideways.read_bytes(), "sideways.jpg"))
        canon, _ = add_photo(session, ingest_bytes((fixture_photos / "Canon.jpg").read_bytes(), "Canon.jpg"))
        lead.alt_text, canon.alt_text = "A tall view", "A frame"
        session.flush()
        session.add(Article(
            slug="upright", headline="Upright", body=f"Text.\n\n![A frame](photo:{canon.id})\n", section=section,
            status="published", published_at=datetime(2026, 1, 1, tzinfo=timezone.utc), feature_photo_id=lead.id,
        ))
    site = tmp_path / "site"
    export_site(library, site, cache_dir=cache_dir)
    return site


def test_a_sideways_camera_photo_is_exported_upright_with_matching_dimensions(camera_site: Path) -> None:
    html = (camera_site / "articles" / "upright" / "index.html").read_text(encoding="utf-8")
    assert 'alt="A tall view" width="800" height="1200"' in html
    uncropped = [p for p in (camera_site / "images").glob("*-800-*.jpg") if "x" not in p.name.split("-")[2]]
    [tags] = exiftool(uncropped)
    assert (tags["File:ImageWidth"], tags["File:ImageHeight"]) == (800, 1200)
    assert "IFD0:Orientation" not in tags


def test_exported_images_of_a_camera_file_lose_its_maker_notes(camera_site: Path) -> None:
    for tags in exiftool(sorted((camera_site / "images").glob("*.*"))):
        assert not any(key.startswith(("Canon:", "MakerNotes:")) for key in tags), tags["SourceFile"]
