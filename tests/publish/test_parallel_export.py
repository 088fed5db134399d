"""Pages rendered in forked workers are the pages one process renders, byte for byte."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.publish.conftest import START
from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, Section
from workstation.publish import parallel
from workstation.publish.paths import CURRENT_NAME
from workstation.publish.rendercache import forget_rendered
from workstation.publish.site import export_site


def files(site: Path) -> dict[str, bytes]:
    """The folder's files, but for the record of the folder's own inodes and times."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != CURRENT_NAME
    }


def add_stories(library: Library, count: int) -> None:
    """Enough published stories for several workers' worth of pages and paginated lists."""
    with library.transaction() as session:
        section = session.query(Section).filter_by(slug="news-feed").one()
        author = session.query(Author).filter_by(slug="olena-kovalenko").one()
        for number in range(count):
            article = Article(
                slug=f"bulk-{number:03d}", headline=f"Bulk story {number}", section=section,
                body=f"Paragraph *one* of story {number} -- with \"quotes\".\n\n## A part\n\n[[older-story-1]]\n",
                status="published", published_at=START - timedelta(days=10, hours=number),
            )
            article.bylines = [ArticleAuthor(author=author, position=0)]
            session.add(article)


def test_parallel_and_serial_exports_write_identical_files(
    newsroom: Library, export: Callable[..., Path], tmp_path: Path
) -> None:
    add_stories(newsroom, 3 * parallel.CHUNK_PAGES + 5)
    serial = export(outdir=tmp_path / "serial", workers=1)
    # Nothing cached: the workers render every body and page themselves.
    forget_rendered(newsroom)
    forked = export(outdir=tmp_path / "forked", workers=2)
    assert files(forked) == files(serial)


def test_the_render_cache_filled_by_workers_serves_the_next_export(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    add_stories(newsroom, parallel.CHUNK_PAGES + 1)
    first = export_site(newsroom, tmp_path / "first", cache_dir=cache_dir, workers=2)
    again = export_site(newsroom, tmp_path / "again", cache_dir=cache_dir, workers=1)
    assert again.from_cache >= first.articles > parallel.CHUNK_PAGES
    assert files(tmp_path / "again") == files(tmp_path / "first")


def test_a_process_with_another_thread_renders_in_itself() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert parallel.default_workers(10_000) == 1
    finally:
        release.set()
        other.join()


def test_a_few_pages_are_rendered_without_workers() -> None:
    assert parallel.default_workers(parallel.MIN_PARALLEL_PAGES - 1) == 1


def test_a_rendering_process_that_dies_is_one_clear_error() -> None:
    tasks = [lambda: os._exit(3)] * (2 * parallel.CHUNK_PAGES)
    with pytest.raises(PublishError, match="stopped unexpectedly"):
        with parallel.job_pool(2, processes=True, pages=tasks) as pool:
            list(parallel.render_all(tasks, pool))
