"""Rendition work holds a bounded number of decoded pixels, however large the photos."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image, ImageDraw

from workstation.library.database import open_library
from workstation.library.models import Article, ArticleAuthor, Author, Section
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes
from workstation.photos.renditions import Request, RightsMetadata, decoded_pixels
from workstation.publish.images import RenditionCache, RenditionKey, encode_all

ROOT = Path(__file__).resolve().parents[2]
SIDE = 6000  # 36 megapixels: 144 MB once decoded, more than half the pool's budget
RIGHTS = RightsMetadata(creator="Maria Lys")

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def flat(side: int, index: int, fmt: str = "PNG") -> bytes:
    """A nearly flat picture: small on disk, large once decoded."""
    image = Image.new("RGB", (side, side), (200 - 40 * index, 170, 60 + 40 * index))
    draw = ImageDraw.Draw(image)
    for step in range(0, side, max(1, side // 10)):
        draw.line([(step, 0), (side - step, side)], fill=(20, 20, 20), width=3)
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


class Watched(RenditionCache):
    """The real cache, counting how many photos are being encoded at once and how often each is."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.lock = threading.Lock()
        self.now = self.most = 0
        self.calls: list[int] = []

    def encode(self, keys: Sequence[RenditionKey], original: bytes, rights: RightsMetadata) -> list[bytes]:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            self.calls.append(keys[0].photo_id)
        try:
            return super().encode(keys, original, rights)
        finally:
            with self.lock:
                self.now -= 1


def keys_for(photo_id: int, data: bytes) -> list[RenditionKey]:
    sha = hashlib.sha256(data).hexdigest()
    return [RenditionKey(photo_id, sha, width, fmt, None, (0.5, 0.5), "r") for width in (480, 960)
            for fmt in ("jpeg", "webp")]


def test_photos_larger_than_the_budget_are_decoded_one_at_a_time(tmp_path: Path) -> None:
    originals = {i: flat(1200, i) for i in range(1, 5)}
    cache = Watched(tmp_path / "cache")
    delivered: dict[RenditionKey, bytes] = {}
    keys = [key for i, data in originals.items() for key in keys_for(i, data)]
    warnings = encode_all(cache, keys, lambda i: (originals[i], RIGHTS), delivered.__setitem__,
                          budget=1_000_000)
    assert warnings == [] and set(delivered) == set(keys)
    assert cache.most == 1


def test_each_photo_is_decoded_once_for_all_its_renditions(tmp_path: Path) -> None:
    originals = {i: flat(600, i) for i in range(1, 4)}
    cache = Watched(tmp_path / "cache")
    keys = [key for i, data in originals.items() for key in keys_for(i, data)]
    encode_all(cache, keys, lambda i: (originals[i], RIGHTS), lambda key, data: None)
    assert sorted(cache.calls) == [1, 2, 3]


def test_a_jpeg_is_budgeted_at_its_draft_scale_and_a_png_whole() -> None:
    requests = [Request(480), Request(960, "webp")]
    assert decoded_pixels(flat(SIDE, 0, "JPEG"), requests) <= SIDE * SIDE // 16
    assert decoded_pixels(flat(SIDE, 0, "PNG"), requests) == SIDE * SIDE


def plates_library(path: Path, side: int) -> Path:
    """One published article showing two ``side``-pixel square PNGs."""
    library = open_library(path, create=True)
    try:
        with library.transaction() as session:
            section = Section(slug="news", name="News", position=0)
            author = Author(slug="maria-lys", name="Maria Lys", role="Photographer", bio="Maria photographs.")
            ids = []
            for index in range(2):
                photo, _ = add_photo(session, ingest_bytes(flat(side, index), f"plate-{index}.png"))
                photo.alt_text, photo.creator = f"Plate {index}", "Maria Lys"
                ids.append(photo.id)
            figures = "\n\n".join(f'![Plate](photo:{photo_id} "Plate")' for photo_id in ids)
            article = Article(slug="plates", headline="Two plates", body=f"The plates.\n\n{figures}\n",
                              section=section, status="published", feature_photo_id=ids[0],
                              published_at=datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
            article.bylines = [ArticleAuthor(author=author, position=0)]
            session.add(article)
    finally:
        library.close()
    return path


def peak_rss_of_export(library: Path, work: Path) -> int:
    """Peak resident bytes of a cold ``workstation export`` process."""
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "workstation", "export", str(library),
         str(work / "site")],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300,
    )
    return int(done.stdout.split()[-1]) * 1024


def test_big_pngs_are_decoded_one_at_a_time_by_an_export(tmp_path: Path) -> None:
    small = peak_rss_of_export(plates_library(tmp_path / "small.wslib", 200), tmp_path / "small")
    big = peak_rss_of_export(plates_library(tmp_path / "big.wslib", SIDE), tmp_path / "big")
    one_picture = SIDE * SIDE * 4  # Pillow holds RGB in four bytes a pixel
    # One decoded picture, plus the encoders' working memory for its largest renditions.
    assert big - small < 2 * one_picture
