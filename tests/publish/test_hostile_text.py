"""Hostile text in every field leaves nothing executable on any exported page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.page_checks import Executables, scan
from workstation.library.database import Library
from workstation.library.models import Article, Author, Photo, Section, Tag
from workstation.library.settings import load_settings, save_settings

EVIL = '<script>alert(1)</script></script>"><img src=x onerror=alert(1)> javascript:alert(1) onerror=alert(1)'
EVIL_URL = "javascript:alert(1)"


@pytest.fixture
def hostile(newsroom: Library) -> Library:
    with newsroom.transaction() as session:
        settings = load_settings(session)
        settings.site_name = EVIL
        settings.site_description = EVIL
        settings.publisher_name = EVIL
        save_settings(session, settings)
        for section in session.query(Section):
            section.name = EVIL
            section.description = EVIL
        for tag in session.query(Tag):
            tag.name = EVIL
        for author in session.query(Author):
            author.name = EVIL
            author.role = EVIL
            author.bio = EVIL + "\n\n[click](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a>"
            author.website = EVIL_URL
            author.location = EVIL
            author.social_links = [{"label": EVIL, "url": EVIL_URL}]
        for photo in session.query(Photo):
            photo.caption = EVIL
            photo.alt_text = EVIL
            photo.creator = EVIL
            photo.credit_line = EVIL
            photo.copyright_notice = EVIL
            photo.usage_terms = EVIL
        for article in session.query(Article):
            article.headline = EVIL
            article.dek = EVIL
            article.seo_title = EVIL
            article.seo_description = EVIL
            article.feature_caption = EVIL
            article.feature_alt = EVIL
            article.body = (
                article.body + "\n\n" + EVIL + "\n\n[link](javascript:alert(1))\n\n<iframe src=x></iframe>\n\n"
                "<svg onload=alert(1)></svg>\n\n<a href=\"data:text/html,<script>alert(1)</script>\">d</a>\n\n"
                "<object data=x></object><embed src=x><base href=//evil.example/>\n\n"
                '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">\n'
            )
    return newsroom


def test_no_script_but_ours_survives(hostile: Library, export: Callable[..., Path]) -> None:
    for page in scan(export(hostile, base_url="https://news.example.org/")):
        for script in page.scripts:
            assert script.get("type") == "application/ld+json" or script.get("src", "").endswith("static/site.js")


def test_no_event_handler_or_active_element_survives(hostile: Library, export: Callable[..., Path]) -> None:
    for page in scan(export(hostile)):
        assert page.handlers == []


def test_no_javascript_url_survives(hostile: Library, export: Callable[..., Path]) -> None:
    for page in scan(export(hostile)):
        assert page.bad_urls == []


def test_json_ld_cannot_be_closed_by_a_headline(hostile: Library, export: Callable[..., Path]) -> None:
    site = export(hostile, base_url="https://news.example.org/")
    html = (site / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    page = Executables()
    page.feed(html)
    (block,) = page.json_blocks
    assert "<" not in block and ">" not in block
    assert json.loads(block)["headline"] == EVIL


def test_hostile_text_is_shown_as_text(hostile: Library, export: Callable[..., Path]) -> None:
    html = (export(hostile) / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_feed_and_sitemap_hold_hostile_text_as_text(hostile: Library, export: Callable[..., Path]) -> None:
    import feedparser

    site = export(hostile)
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].title == EVIL or any(e.title == EVIL for e in feed.entries)


def test_a_typed_credit_and_the_hand_off_file_carry_nothing_executable(
    hostile: Library, tmp_path: Path, cache_dir: Path
) -> None:
    from workstation.publish.single import export_single

    with hostile.transaction() as session:
        for photo in session.query(Photo):
            photo.credit_override = EVIL
    target = export_single(hostile, "river-rises", tmp_path / "handoff", base_url="https://news.example.org/",
                           cache_dir=cache_dir)
    [page] = scan(target.parent)
    assert page.handlers == [] and page.bad_urls == []
    assert [s for s in page.scripts if s.get("type") != "application/ld+json"] == []
    assert "<" not in "".join(page.json_blocks)
