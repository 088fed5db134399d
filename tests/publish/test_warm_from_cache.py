"""A full export into a new folder with the library's render cache warm renders nothing again."""

from __future__ import annotations

from pathlib import Path

from workstation.library.database import Library
from workstation.publish.icons import icon_files
from workstation.publish.paths import CURRENT_NAME, MANIFEST_NAME
from workstation.publish.site import export_site


def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file() and "sitemap" not in p.name}


def test_every_page_the_feed_the_404_page_and_the_icons_come_from_the_render_cache(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    export_site(newsroom, tmp_path / "first", cache_dir=cache_dir)
    report = export_site(newsroom, tmp_path / "second", cache_dir=cache_dir)
    site = tmp_path / "second"
    pages = list(site.rglob("*.html"))
    icons = {path for path in icon_files(True) + icon_files(False) if (site / path).is_file()}
    assert (site / "404.html").is_file() and (site / "feed.xml").is_file() and len(icons) >= 3
    # One cache hit for each HTML page (the 404 page among them), one for the feed, one for each icon file.
    assert report.from_cache == len(pages) + 1 + len(icons)


def test_a_warm_export_into_a_new_folder_writes_what_the_first_wrote(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    export_site(newsroom, tmp_path / "first", cache_dir=cache_dir)
    export_site(newsroom, tmp_path / "second", cache_dir=cache_dir)
    first, second = site_files(tmp_path / "first"), site_files(tmp_path / "second")
    for record in (MANIFEST_NAME, CURRENT_NAME):
        first.pop(record, None)
        second.pop(record, None)
    assert first == second
