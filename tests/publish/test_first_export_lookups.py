"""A first export, with nothing in the render cache, looks no page or body up in it (one probe says it is empty)."""

from __future__ import annotations

from pathlib import Path

from tests.publish.test_parallel_export import add_stories, files
from workstation.library.database import Library
from workstation.publish.rendercache import forget_rendered
from workstation.publish.site import export_site


def cache_reads(library: Library, outdir: Path, cache_dir: Path) -> list[str]:
    statements: list[str] = []
    with library.reading():
        pass  # the library's own connection, made now so its statements can be watched
    plain = library._plain
    assert plain is not None
    plain.set_trace_callback(lambda sql: statements.append(sql) if "FROM render_cache" in sql else None)
    try:
        export_site(library, outdir, cache_dir=cache_dir, workers=1)
    finally:
        plain.set_trace_callback(None)
    # Reads of stored pages and bodies (the probe and the sweep's bookkeeping read no entry).
    return [sql for sql in statements if "html FROM render_cache" in sql]


def test_a_first_export_looks_nothing_up_in_the_empty_render_cache(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    add_stories(newsroom, 40)
    forget_rendered(newsroom)
    assert cache_reads(newsroom, tmp_path / "first", cache_dir) == []
    # Once it holds entries, a new folder's export looks its pages up.
    assert cache_reads(newsroom, tmp_path / "second", cache_dir) != []


def test_bodies_stored_by_a_first_export_serve_the_next(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    add_stories(newsroom, 40)
    forget_rendered(newsroom)
    first = export_site(newsroom, tmp_path / "first", cache_dir=cache_dir, workers=2)
    # Every page's entry dropped, the bodies kept: the next export renders pages from cached bodies.
    with newsroom.writing() as plain:
        plain.run("DELETE FROM render_cache WHERE key LIKE 'page:%'")
    again = export_site(newsroom, tmp_path / "again", cache_dir=cache_dir, workers=1)
    assert again.from_cache >= first.articles
    assert files(tmp_path / "again") == files(tmp_path / "first")
