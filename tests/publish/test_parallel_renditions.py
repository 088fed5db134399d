"""Renditions encoded in forked workers are the files one thread encodes, byte for byte."""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

from PIL import Image, ImageDraw

from workstation.photos.renditions import RightsMetadata
from workstation.publish import parallel
from workstation.publish.images import RenditionCache, RenditionKey, encode_all

Pool = Callable[[int], AbstractContextManager[Executor]]
RIGHTS = RightsMetadata(creator="Олена Коваленко", credit_line="Укрінформ", copyright_notice="© 2026 Ukrinform")


def photo(index: int) -> bytes:
    image = Image.linear_gradient("L").resize((900, 600)).convert("RGB")
    ImageDraw.Draw(image).ellipse((100 + 40 * index, 100, 500, 400), fill=(200, 30 * index, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def keys_of(photo_id: int, data: bytes) -> list[RenditionKey]:
    sha = hashlib.sha256(data).hexdigest()
    return [
        RenditionKey(photo_id, sha, width, fmt, aspect, (0.4, 0.6), "rights")
        for width in (480, 240)
        for fmt in ("jpeg", "webp")
        for aspect in (None, (16, 9))
    ]


def encoded(tmp_path: Path, name: str, pool: Pool) -> tuple[dict[RenditionKey, bytes], RenditionCache]:
    originals = {index: photo(index) for index in range(1, 5)}
    keys = [key for index, data in originals.items() for key in keys_of(index, data)]
    delivered: dict[RenditionKey, bytes] = {}
    cache = RenditionCache(tmp_path / name)
    warnings = encode_all(cache, keys, lambda index: (originals[index], RIGHTS), delivered.__setitem__,
                          pool=pool)
    assert warnings == []
    return delivered, cache


def test_forked_and_single_threaded_renditions_are_the_same_files(tmp_path: Path) -> None:
    forked, forked_cache = encoded(tmp_path, "forked", partial(parallel.job_pool, processes=True))
    serial, _ = encoded(tmp_path, "serial", lambda _workers: parallel.job_pool(1))
    assert forked == serial and len(forked) == 4 * 8
    # The exporting process stored what the workers made.
    assert all(forked_cache.get(key) == data for key, data in forked.items())


def test_a_process_with_another_thread_encodes_on_threads() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with parallel.job_pool(2) as pool:
            assert isinstance(pool, ThreadPoolExecutor)
    finally:
        release.set()
        other.join()
