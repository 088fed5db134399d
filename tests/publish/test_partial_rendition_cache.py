"""A photo whose cache holds only some of its renditions gets the files a cold export makes, byte for byte."""

from __future__ import annotations

from pathlib import Path

from tests.publish.test_parallel_renditions import RIGHTS, keys_of, photo
from workstation.publish import parallel
from workstation.publish.images import RenditionCache, RenditionKey, encode_all


def export(cache: RenditionCache, keys: list[RenditionKey], original: bytes) -> dict[RenditionKey, bytes]:
    delivered: dict[RenditionKey, bytes] = {}
    warnings = encode_all(cache, keys, lambda _id: (original, RIGHTS), delivered.__setitem__,
                          pool=lambda _workers: parallel.job_pool(1))
    assert warnings == []
    return delivered


def test_renditions_made_beside_cached_ones_are_the_bytes_of_a_cold_export(tmp_path: Path) -> None:
    original = photo(1)
    keys = keys_of(1, original)
    cold = export(RenditionCache(tmp_path / "cold"), keys, original)
    # The cache already holds the larger renditions (a cached page), not the smaller ones.
    partial = RenditionCache(tmp_path / "partial")
    for key in keys:
        if key.width == 480:
            partial.put(key, cold[key])
    assert export(partial, keys, original) == cold
