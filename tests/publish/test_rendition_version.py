"""Renditions made another way carry another name, and the pages of an export link the names of this version.

When the way renditions are made changes (``RENDITION_VERSION``), the same
request gives other bytes. A file the earlier version left in the cache or
in the output folder must then not pass for this version's: the version is
in every rendition's name, and in every page's inputs, so an export into a
folder an earlier version wrote makes the files again and rewrites the
pages that link them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.photos.renditions import RENDITION_VERSION
from workstation.publish import fingerprints, images

LINKED = re.compile(r"images/([0-9a-f]{16}-[^\"'\s,?]+\.(?:jpg|webp))")


def linked(site: Path) -> set[str]:
    """Every rendition name a page or the feed of ``site`` links."""
    names: set[str] = set()
    for page in [*site.rglob("*.html"), site / "feed.xml"]:
        names |= set(LINKED.findall(page.read_text(encoding="utf-8")))
    return names


def earlier_version(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (images, fingerprints):
        monkeypatch.setattr(module, "RENDITION_VERSION", RENDITION_VERSION - 1)


def test_a_rendition_name_changes_with_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    def key() -> images.RenditionKey:
        return images.RenditionKey(1, "ab" * 32, 960, "webp", (16, 9), (0.5, 0.5), "rights")

    current = key().name
    earlier_version(monkeypatch)
    assert key().name != current
    assert key().name.split("-")[:3] == current.split("-")[:3]  # the same photo, width and crop


def test_an_export_over_an_earlier_versions_folder_links_and_writes_this_versions_files(
    export: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        earlier_version(patched)
        site = export()
    before = linked(site)
    assert before and all((site / "images" / name).is_file() for name in before)
    export()
    after = linked(site)
    assert after and not after & before
    assert all((site / "images" / name).is_file() for name in after)
