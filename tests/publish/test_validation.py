"""Every exported page passes the Nu HTML Checker with zero errors."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from test_links import broken_links

from tests.page_checks import validate
from workstation.library.database import Library, open_library


def test_every_page_of_the_newsroom_and_its_hand_off_file_is_valid_html(
    export: Callable[..., Path], newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    from workstation.publish.single import export_single

    site = export(base_url="https://news.example.org/", drafts=True)
    export_single(newsroom, "river-rises", tmp_path / "handoff", cache_dir=cache_dir)
    assert validate(site, tmp_path / "handoff") == []


def test_every_page_of_the_demo_library_is_valid_html(demo_library: Path, tmp_path: Path, cache_dir: Path) -> None:
    from workstation.publish.site import export_site

    library_path = shutil.copyfile(demo_library, tmp_path / "demo.wslib")
    library: Library = open_library(library_path)
    try:
        export_site(library, tmp_path / "site", base_url="https://news.example.org/", cache_dir=cache_dir)
    finally:
        library.close()
    assert validate(tmp_path / "site") == []
    assert broken_links(tmp_path / "site") == []
