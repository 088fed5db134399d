"""Rendition work holds a bounded number of decoded pixels, however large the photos."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from PIL import Image

from workstation.photos.renditions import Request, RightsMetadata, decoded_pixels
from workstation.publish.images import RenditionCache, RenditionKey, encode_all

ROOT = Path(__file__).resolve().parents[2]
SIDE = 6000  # 36 megapixels: 144 MB once decoded, more than half the pool's budget
RIGHTS = RightsMetadata(creator="Maria Lys")


def load_benchmark() -> ModuleType:
    """benchmarks/export_memory.py, whose library this test exports at a smaller size."""
    spec = importlib.util.spec_from_file_location("export_memory", ROOT / "benchmarks" / "export_memory.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = load_benchmark()


def flat(side: int, index: int, fmt: str = "PNG") -> bytes:
    """The benchmark's nearly flat picture (small on disk, large once decoded) in ``fmt``."""
    with Image.open(io.BytesIO(benchmark.flat_png(index, side))) as image:
        buffer = io.BytesIO()
        image.save(buffer, fmt)
    return buffer.getvalue()


class Watched(ThreadPoolExecutor):
    """A real pool of threads for ``encode_all``, counting how many photos are being encoded at once."""

    def __init__(self, workers: int) -> None:
        super().__init__(max_workers=max(2, workers))
        self.lock = threading.Lock()
        self.now = self.most = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def counted() -> Any:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                return fn(*args, **kwargs)
            finally:
                with self.lock:
                    self.now -= 1

        return super().submit(counted)


def keys_for(photo_id: int, data: bytes) -> list[RenditionKey]:
    sha = hashlib.sha256(data).hexdigest()
    return [RenditionKey(photo_id, sha, width, fmt, None, (0.5, 0.5), "r") for width in (480, 960)
            for fmt in ("jpeg", "webp")]


def test_photos_larger_than_the_budget_are_decoded_one_at_a_time(tmp_path: Path) -> None:
    originals = {i: flat(1200, i) for i in range(1, 5)}
    pools: list[Watched] = []

    @contextmanager
    def watched(workers: int) -> Iterator[Watched]:
        with Watched(workers) as pool:
            pools.append(pool)
            yield pool

    delivered: dict[RenditionKey, bytes] = {}
    keys = [key for i, data in originals.items() for key in keys_for(i, data)]
    warnings = encode_all(RenditionCache(tmp_path / "cache"), keys, lambda i: (originals[i], RIGHTS),
                          delivered.__setitem__, budget=1_000_000, pool=watched)
    assert warnings == [] and set(delivered) == set(keys)
    assert [pool.most for pool in pools] == [1]


def test_each_photo_is_decoded_once_for_all_its_renditions(tmp_path: Path) -> None:
    originals = {i: flat(600, i) for i in range(1, 4)}
    loaded: list[int] = []

    def load(photo_id: int) -> tuple[bytes, RightsMetadata]:
        loaded.append(photo_id)
        return originals[photo_id], RIGHTS

    keys = [key for i, data in originals.items() for key in keys_for(i, data)]
    encode_all(RenditionCache(tmp_path / "cache"), keys, load, lambda key, data: None)
    assert sorted(loaded) == [1, 2, 3]


def test_a_jpeg_is_budgeted_at_its_draft_scale_and_a_png_whole() -> None:
    side, requests = 2000, [Request(240), Request(120, "webp")]
    assert decoded_pixels(flat(side, 0, "JPEG"), requests) <= side * side // 16
    assert decoded_pixels(flat(side, 0, "PNG"), requests) == side * side


def test_big_pngs_are_decoded_one_at_a_time_by_an_export(tmp_path: Path) -> None:
    """The benchmark's scenario (benchmarks/export_memory.py) at a size a test can afford."""
    small, big = tmp_path / "small.wslib", tmp_path / "big.wslib"
    benchmark.build_library(small, 200, 2)
    benchmark.build_library(big, SIDE, 2)
    (tmp_path / "small").mkdir()
    (tmp_path / "big").mkdir()
    small_mb, _ = benchmark.measure(ROOT, small, tmp_path / "small")
    big_mb, _ = benchmark.measure(ROOT, big, tmp_path / "big")
    one_picture_mb = SIDE * SIDE * 4 / 2**20  # Pillow holds RGB in four bytes a pixel
    # One decoded picture, plus the encoders' working memory for its largest renditions.
    assert big_mb - small_mb < 2 * one_picture_mb
