"""One article as one self-contained HTML file for hand-off."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.publish.single import export_single


class Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("img", "source"):
            self.images.append(values.get("src") or values.get("srcset") or "")
        if tag == "script":
            self.scripts.append(values)
        if tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(values.get("href") or "")


def test_single_file_inlines_css_and_images(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    target = export_single(newsroom, "river-rises", tmp_path / "handoff", cache_dir=cache_dir)
    assert target == tmp_path / "handoff" / "river-rises.html"
    refs = Refs()
    refs.feed(target.read_text())
    assert refs.stylesheets == [] and "<style>" in target.read_text()
    assert refs.images and all(src.startswith("data:image/") for src in refs.images)
    assert [s for s in refs.scripts if s.get("type") != "application/ld+json"] == []


def test_single_file_links_to_the_site_with_a_base_url(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    target = export_single(newsroom, "river-rises", tmp_path, base_url="https://news.example.org/", cache_dir=cache_dir)
    html = target.read_text()
    assert 'href="https://news.example.org/section/news-feed/"' in html
    assert 'href="https://news.example.org/author/olena-kovalenko/"' in html


def test_single_file_of_a_draft_is_allowed(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    assert export_single(newsroom, "a-draft", tmp_path, cache_dir=cache_dir).is_file()


def test_single_file_of_an_unknown_slug_is_refused(newsroom: Library, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="no article"):
        export_single(newsroom, "no-such-story", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _json_ld(html: str) -> dict:  # type: ignore[type-arg]
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


def test_single_file_with_a_base_url_points_link_previews_at_the_sites_pictures(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    html = export_single(
        newsroom, "river-rises", tmp_path, base_url="https://news.example.org/", cache_dir=cache_dir
    ).read_text()
    assert re.search(r'<meta property="og:image" content="https://news\.example\.org/images/[^"]+-16x9-[^"]+\.jpg">', html)
    assert all(i["url"].startswith("https://news.example.org/images/") for i in _json_ld(html)["image"])
    refs = Refs()
    refs.feed(html)
    assert html.count("data:image/") == len(refs.images)


def test_single_file_without_a_base_url_inlines_one_picture_for_schema_org_and_no_link_preview(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    html = export_single(newsroom, "river-rises", tmp_path, cache_dir=cache_dir).read_text()
    assert 'property="og:image"' not in html and 'name="twitter:image"' not in html
    [image] = _json_ld(html)["image"]
    assert image["url"].startswith("data:image/jpeg;base64,") and "contentUrl" not in image
    assert image["creditText"] == "Northern Agency via Wire Service"


def test_single_file_video_card_leads_to_the_video_without_a_script(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    html = export_single(newsroom, "river-rises", tmp_path, cache_dir=cache_dir).read_text()
    assert '<a class="video-card__play" href="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "youtube.com/watch" not in html and "<iframe" not in html
