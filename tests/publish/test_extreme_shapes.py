"""Libraries that already hold photos of extreme shapes, or that cannot be decoded, still export."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from workstation.cli import main
from workstation.library.database import Library
from workstation.library.models import Article, Photo, PhotoOriginal, PhotoThumbnail
from workstation.photos.renditions import MAX_SIDE
from workstation.publish.preflight import preflight
from workstation.publish.site import export_site


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 150)).save(buffer, "PNG")
    return buffer.getvalue()


def store_photo(library: Library, data: bytes, width: int, height: int, name: str) -> int:
    """A photo row as an older version imported it: no check of this one's shape or content."""
    thumb = io.BytesIO()
    Image.new("RGB", (1, 1)).save(thumb, "JPEG")
    with library.transaction() as session:
        photo = Photo(sha256=hashlib.sha256(data).hexdigest(), mime="image/png", width=width, height=height,
                      size_bytes=len(data), original_filename=name, alt_text="A strip", creator="Ivan Petrenko")
        photo.original = PhotoOriginal(data=data)
        photo.thumbnail = PhotoThumbnail(data=thumb.getvalue(), width=1, height=1)
        session.add(photo)
        session.flush()
        return photo.id


def lead(library: Library, photo_id: int, slug: str = "river-rises") -> None:
    with library.transaction() as session:
        session.query(Article).filter_by(slug=slug).one().feature_photo_id = photo_id


def image_sizes(site: Path) -> dict[str, tuple[int, int]]:
    sizes = {}
    for path in (site / "images").iterdir():
        if path.suffix not in (".jpg", ".webp"):
            continue
        with Image.open(path) as image:
            sizes[path.name] = image.size
    return sizes


def referenced_images(page: Path) -> set[str]:
    return set(re.findall(r"images/([\w.-]+\.(?:jpg|webp))", page.read_text()))


@pytest.fixture
def library_file(newsroom: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The library's path, for the command line, with a cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return Path(newsroom.path)


def test_a_photo_70000_pixels_tall_exports_within_the_format_limits(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    lead(newsroom, store_photo(newsroom, png(1, 70_000), 1, 70_000, "strip.png"))
    site = tmp_path / "site"
    report = export_site(newsroom, site, cache_dir=cache_dir)
    assert report.warnings == []
    sizes = image_sizes(site)
    page = site / "articles" / "river-rises" / "index.html"
    assert referenced_images(page) <= set(sizes)
    for name, (width, height) in sizes.items():
        assert height <= MAX_SIDE["webp" if name.endswith(".webp") else "jpeg"]


def test_a_tall_photo_is_scaled_down_in_proportion(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    lead(newsroom, store_photo(newsroom, png(300, 70_000), 300, 70_000, "tower.png"))
    site = tmp_path / "site"
    export_site(newsroom, site, cache_dir=cache_dir)
    webp = [size for name, size in image_sizes(site).items() if name.endswith(".webp") and size[1] > 10_000]
    assert webp and all(h <= MAX_SIDE["webp"] and abs(w / h - 300 / 70_000) < 0.01 for w, h in webp)


def test_the_single_file_export_of_a_page_with_a_very_tall_photo_succeeds(
    newsroom: Library, library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lead(newsroom, store_photo(newsroom, png(1, 70_000), 1, 70_000, "strip.png"))
    newsroom.close()
    assert main(["export", str(library_file), str(tmp_path / "handoff"), "--single-file", "--article",
                 "river-rises"]) == 0
    assert capsys.readouterr().err == ""


def test_preflight_warns_of_a_photo_too_thin_to_publish_in_proportion(newsroom: Library) -> None:
    lead(newsroom, store_photo(newsroom, png(1, 70_000), 1, 70_000, "strip.png"))
    with newsroom.session() as session:
        findings = [f for f in preflight(session) if f.kind == "photo-shape"]
    assert [f.severity for f in findings] == ["warning"]
    assert "1 × 70000 px" in findings[0].message


def test_a_stored_original_that_is_not_an_image_is_a_warning_not_a_stopped_export(
    newsroom: Library, library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lead(newsroom, store_photo(newsroom, b"just some text, not a picture", 800, 600, "notes.png"))
    newsroom.close()
    assert main(["export", str(library_file), str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("workstation: warning: photo ") and "cannot be decoded" in err[0]
    assert (tmp_path / "site" / "articles" / "river-rises" / "index.html").is_file()
