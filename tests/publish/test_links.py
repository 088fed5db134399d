"""Every link and image on every exported page leads to a file of the export."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "canonical"):
                self.urls.append(values[name] or "")
        for name in ("srcset", "imagesrcset"):
            for candidate in (values.get(name) or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.split()[0])


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        refs = References()
        refs.feed(page.read_text(encoding="utf-8"))
        for url in refs.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            target = (page.parent / parts.path).resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)} -> {url}")
    return broken


def test_every_internal_link_and_image_exists(export: Callable[..., Path]) -> None:
    assert broken_links(export()) == []


def test_links_survive_an_incremental_export(export: Callable[..., Path]) -> None:
    site = export()
    export()
    assert broken_links(site) == []
