"""Nothing of a library outside it: rendered pages in the library, renditions per library and capped."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import func, select

from workstation.library.cache_policy import library_id
from workstation.library.database import Library, copy_library, open_library
from workstation.library.models import Article, RenderedEntry
from workstation.publish.caches import (
    RENDITIONS,
    keeps_no_outside_caches,
    library_cache_folder,
    set_keep_no_outside_caches,
)
from workstation.publish.images import RenditionCache, RenditionKey
from workstation.publish.site import export_site


def cached_entries(library: Library) -> int:
    with library.session() as session:
        return int(session.scalar(select(func.count()).select_from(RenderedEntry)) or 0)


def test_the_export_keeps_its_rendered_pages_inside_the_library(newsroom: Library, tmp_path: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert cached_entries(newsroom) > 0
    assert not (tmp_path / "cache" / "rendered.sqlite").exists()
    headline = b"The river rises over the embankment"
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and headline in p.read_bytes()]


def test_a_copied_library_exports_warm(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    first = export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    assert first.from_cache == 0
    copy_library(newsroom.path, tmp_path / "copy.wslib")
    with open_library(tmp_path / "copy.wslib") as copy:
        report = export_site(copy, tmp_path / "elsewhere", cache_dir=cache_dir)
    article_pages = sorted(p for p in first.written if p.startswith("articles/"))
    assert report.from_cache >= len(article_pages) > 0
    for page in article_pages:
        assert (tmp_path / "elsewhere" / page).read_bytes() == (tmp_path / "site" / page).read_bytes()


def test_a_library_open_read_only_is_exported_but_its_cache_left_as_it_was(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    with open_library(newsroom.path, readonly=True) as reader:
        report = export_site(reader, tmp_path / "site", cache_dir=cache_dir)
    assert report.articles > 0 and (tmp_path / "site" / "articles" / "river-rises" / "index.html").is_file()
    assert cached_entries(newsroom) == 0


def test_an_edited_page_replaces_its_cached_rendering(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    before = cached_entries(newsroom)
    for word in ("first", "second"):
        with newsroom.transaction() as session:
            session.query(Article).filter_by(slug="theatre-reopens").one().body = f"Curtains up, {word} night."
        export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    assert cached_entries(newsroom) == before


def test_renditions_go_to_a_folder_named_by_the_library_id(newsroom: Library, tmp_path: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=tmp_path / "cache")
    with newsroom.session() as session:
        own = library_id(session)
    assert own is not None
    folders = [p.name for p in (tmp_path / "cache" / RENDITIONS).iterdir()]
    assert folders == [own] and any((tmp_path / "cache" / RENDITIONS / own).rglob("*.webp"))


def test_keep_no_caches_outside_the_library_writes_no_renditions_and_forgets_the_old(
    newsroom: Library, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    export_site(newsroom, tmp_path / "site", cache_dir=cache)
    folder = library_cache_folder(newsroom, cache)
    assert folder is not None and folder.is_dir()
    set_keep_no_outside_caches(newsroom, True, cache)
    assert keeps_no_outside_caches(newsroom) and not folder.exists()
    export_site(newsroom, tmp_path / "second", cache_dir=cache)
    assert not folder.exists() and any((tmp_path / "second" / "images").glob("*.jpg"))


def test_the_cap_evicts_the_least_recently_used_renditions(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path / "renditions", cap=2500)
    keys = [RenditionKey(i, f"{i:02d}" * 32, 480, "jpeg", None, (0.5, 0.5), "r") for i in range(1, 5)]
    now = time.time()
    for age, key in zip((400, 300, 200, 100), keys):
        cache.put(key, b"x" * 1000)
        path = cache.path(key)
        assert path is not None
        os.utime(path, (now - age, now - age))
    assert cache.get(keys[0]) is not None  # read just now: the most recent
    assert cache.evict() == 2
    assert [cache.get(key) is not None for key in keys] == [True, False, False, True]


def test_pages_already_right_in_the_folder_keep_their_cached_rendering(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    with newsroom.transaction() as session:
        # As if the last export that used them was long ago.
        session.execute(RenderedEntry.__table__.update().values(used_at=0))
        session.query(Article).filter_by(slug="theatre-reopens").one().body = "Curtains up again."
    report = export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    assert "articles/theatre-reopens/index.html" in report.written
    assert "articles/river-rises/index.html" not in report.written
    with newsroom.session() as session:
        kept = session.scalars(select(RenderedEntry.key).where(RenderedEntry.key.startswith("page:"))).all()
    assert any(key.startswith("page:articles/river-rises/index.html:") for key in kept)
