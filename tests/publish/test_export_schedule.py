"""An export's pages and photos share one pool, the photos starting while pages are still being written,
and the files are the same whenever each photo's work started."""

from __future__ import annotations

import concurrent.futures
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.publish.test_parallel_export import add_stories, files
from tests.publish.test_parallel_renditions import RIGHTS, keys_of, photo
from workstation.library.database import Library
from workstation.publish import images, parallel, site
from workstation.publish.images import Encoder, RenditionCache, RenditionKey, encode_all
from workstation.publish.rendercache import forget_rendered
from workstation.publish.site import export_site
from workstation.publish.writer import SiteWriter


def delivered_by(encoder: Encoder, keys: list[RenditionKey]) -> dict[RenditionKey, bytes]:
    delivered: dict[RenditionKey, bytes] = {}
    assert encoder.finish(keys, delivered.__setitem__) == []
    return delivered


def test_a_photo_that_gains_a_rendition_after_its_work_began_is_made_again_with_all(tmp_path: Path) -> None:
    original = photo(1)
    keys = keys_of(1, original)
    cold: dict[RenditionKey, bytes] = {}
    encode_all(RenditionCache(tmp_path / "cold"), keys, lambda _id: (original, RIGHTS), cold.__setitem__,
               pool=lambda _workers: parallel.job_pool(1))
    loads: list[int] = []

    def load(photo_id: int) -> tuple[bytes, Any]:
        loads.append(photo_id)
        return original, RIGHTS

    cache = RenditionCache(tmp_path / "early")
    with parallel.job_pool(1) as pool:
        encoder = Encoder(cache, pool, load, workers=1)
        # Begun with the larger sizes only (what was planned when the pages were queued).
        encoder.start([key for key in keys if key.width == 480])
        made = delivered_by(encoder, keys)
    assert made == cold
    assert loads == [1, 1]
    # What the cache holds is what a cold export makes, never the first attempt's files.
    assert {key: cache.get(key) for key in keys} == cold


def test_photos_begun_before_the_final_list_deliver_nothing_until_it_is_known(tmp_path: Path) -> None:
    originals = {index: photo(index) for index in (1, 2)}
    keys = [key for index, data in originals.items() for key in keys_of(index, data)]
    cache = RenditionCache(tmp_path / "cache")
    with parallel.job_pool(2) as pool:
        encoder = Encoder(cache, pool, lambda index: (originals[index], RIGHTS), workers=2)
        encoder.start(keys)
        for future in list(encoder.running):
            future.result()
        encoder.pump()
        assert not any(cache.get(key) for key in keys)
        made = delivered_by(encoder, keys)
    assert set(made) == set(keys)
    # What was handed on is not held as well: an export of a thousand photos keeps none of their files.
    assert all(results is None for _keys, results, _encoded in encoder.made.values())


def test_a_command_line_export_forks_one_pool_for_its_pages_and_photos(
    newsroom: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 2 * parallel.CHUNK_PAGES)
    pools: list[int] = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)

    # ``job_pool`` imports the pool class where it makes one (``parallel``): the class is counted where it lives.
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    export_site(newsroom, tmp_path / "one-pool", cache_dir=tmp_path / "own-cache", workers=2)
    assert len(pools) == 1
    assert list((tmp_path / "one-pool" / "images").iterdir())


def test_photos_are_encoded_while_pages_are_still_being_written(
    newsroom: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 2 * parallel.CHUNK_PAGES)
    events: list[str] = []
    put, submit = SiteWriter.put, Encoder._submit

    def noted_put(self: SiteWriter, relpath: str, data: bytes, inputs: str = "") -> None:
        if relpath.endswith(".html"):
            events.append("page")
        put(self, relpath, data, inputs)

    def noted_submit(self: Encoder) -> None:
        before = len(self.running)
        submit(self)
        if len(self.running) > before:
            events.append("photo")

    monkeypatch.setattr(SiteWriter, "put", noted_put)
    monkeypatch.setattr(Encoder, "_submit", noted_submit)
    export_site(newsroom, tmp_path / "overlap", cache_dir=tmp_path / "own-cache", workers=2)
    assert "photo" in events
    assert events.index("photo") < len(events) - 1 - events[::-1].index("page")


def test_the_site_is_the_same_when_photos_start_early_or_last(
    newsroom: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 2 * parallel.CHUNK_PAGES)
    export_site(newsroom, tmp_path / "early", cache_dir=tmp_path / "early-cache", workers=2)
    forget_rendered(newsroom)
    # Nothing begun before the final list: every photo is encoded after the last page, as a serial run does.
    monkeypatch.setattr(images.Encoder, "start", lambda self, keys: None)
    export_site(newsroom, tmp_path / "last", cache_dir=tmp_path / "last-cache", workers=1)
    assert files(tmp_path / "early") == files(tmp_path / "last")



def test_workers_send_back_each_rendition_they_plan_once_not_with_every_chunk(
    newsroom: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 4 * parallel.CHUNK_PAGES)
    sent: list[int] = []
    merge = site._Export.merge

    def counted(self: Any, state: Any) -> None:
        sent.append(len(state[0]))
        merge(self, state)

    monkeypatch.setattr(site._Export, "merge", counted)
    export_site(newsroom, tmp_path / "site", cache_dir=tmp_path / "own-cache", workers=2)
    renditions = len(list((tmp_path / "site" / "images").iterdir()))
    assert len(sent) >= 4 and sum(sent) <= 2 * renditions < len(sent) * renditions
