"""No third-party request from a published page: every exported file searched for images on other hosts."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.hostile.test_corpus import CORPUS
from workstation.library.database import open_library
from workstation.library.importer import import_paths
from workstation.library.models import Article, Author
from workstation.publish.single import export_single
from workstation.publish.site import export_site

OWN_HOST = "news.example.org"
# Attributes with which a browser fetches on load, and CSS url(): their values, unescaped.
_FETCHING = re.compile(r"""\b(?:src|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|url\(\s*['"]?([^'")]+)""", re.I)


def foreign_fetches(text: str) -> list[str]:
    """Addresses on another host that a browser showing ``text`` would fetch (unescaped twice: feeds escape HTML)."""
    found = []
    for value in _FETCHING.findall(unescape(unescape(text))):
        for candidate in "".join(value).split(","):
            url = candidate.strip().split(" ")[0]
            absolute = url.lower().startswith(("http:", "https:")) or url.startswith(("//", "\\\\", "/\\"))
            if absolute and urlsplit(url.replace("\\", "/")).hostname != OWN_HOST:
                found.append(url)
    return found


@pytest.fixture(scope="module")
def hostile_demo(demo_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library, every hostile corpus body published in it, and an author bio with a remote image."""
    path = shutil.copyfile(demo_library, tmp_path_factory.mktemp("third-party") / "demo.wslib")
    with open_library(path) as library:
        import_paths(library, sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md"))
        with library.transaction() as session:
            for article in session.query(Article):
                article.status = "published"
            author = session.query(Author).order_by(Author.slug).first()
            author.bio += '\n\n![Me](https://other.host/me.jpg) <img src="//cdn.example/me.png" alt="me">'
    return path


def test_no_exported_file_fetches_from_another_host(hostile_demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with open_library(hostile_demo, readonly=True) as library:
        export_site(library, site, base_url=f"https://{OWN_HOST}/", cache_dir=tmp_path / "cache")
    pages = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".css", ".js", ".txt")]
    assert len(pages) > 20
    offenders = {str(p.relative_to(site)): found for p in pages if (found := foreign_fetches(p.read_text("utf-8")))}
    assert offenders == {}
    remote = (site / "articles" / "remote-images" / "index.html").read_text()
    assert 'href="https://other.host/a.png"' in remote and 'href="https://other.host/raw.png"' in remote


def test_the_search_itself_finds_a_remote_image() -> None:
    assert foreign_fetches('<img src="https://other.host/a.png">') == ["https://other.host/a.png"]
    assert foreign_fetches('<source srcset="/a.png 1x, //cdn.example/b.png 2x">') == ["//cdn.example/b.png"]
    assert foreign_fetches(f'<img src="https://{OWN_HOST}/a.png">') == []


def test_a_single_file_video_card_leads_to_the_privacy_enhanced_player(hostile_demo: Path, tmp_path: Path) -> None:
    with open_library(hostile_demo, readonly=True) as library:
        html = export_single(library, "night-train-returns", tmp_path, cache_dir=tmp_path / "cache").read_text()
    assert 'class="video-card__play" href="https://www.youtube-nocookie.com/embed/' in html
    assert "youtube.com/watch" not in html and foreign_fetches(html) == []
