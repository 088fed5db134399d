"""A forked worker that dies is one clear error, whenever the pool learns of it.

Under load a worker can die before the exporting process has handed over
its last job: the pool then refuses the job itself rather than failing
its result, and that too is the export's one-line error, not a traceback.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from tests.publish.test_parallel_renditions import RIGHTS, keys_of, photo
from workstation.errors import PublishError
from workstation.publish import parallel
from workstation.publish.images import Encoder, RenditionCache


def broken(pool: Executor) -> None:
    """Wait until ``pool`` knows one of its workers died."""
    assert isinstance(pool.submit(os._exit, 3).exception(timeout=60), BrokenProcessPool)


def test_pages_handed_to_a_pool_whose_worker_died_are_one_clear_error() -> None:
    tasks = [lambda: "page"] * (2 * parallel.CHUNK_PAGES)
    with pytest.raises(PublishError, match="page-rendering process stopped unexpectedly"):
        with parallel.job_pool(2, processes=True, pages=tasks) as pool:
            broken(pool)
            list(parallel.render_all(tasks, pool))


def test_photos_handed_to_a_pool_whose_worker_died_are_one_clear_error(tmp_path: Path) -> None:
    original = photo(1)
    with pytest.raises(PublishError, match="rendition process stopped unexpectedly"):
        with parallel.job_pool(2, processes=True) as pool:
            broken(pool)
            encoder = Encoder(RenditionCache(tmp_path / "cache"), pool, lambda _id: (original, RIGHTS), workers=2)
            encoder.start(keys_of(1, original))
