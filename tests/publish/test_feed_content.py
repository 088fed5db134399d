"""The feed carries whole articles, their lead pictures, author pages and an icon; a Google News sitemap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import feedparser

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish.feeds import NEWS_NS, SITEMAP_NS


def test_an_entry_holds_the_full_sanitised_body_with_absolute_links(export: Callable[..., Path]) -> None:
    feed = feedparser.parse((export(base_url="https://news.example.org/") / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "The river rises over the embankment")
    html = entry.content[0].value
    assert "Engineers had been watching the gauge since Tuesday." in html
    assert '<figure class="figure figure--lead">' in html
    assert 'src="https://news.example.org/images/' in html and 'href="https://news.example.org/articles/older-story-0/"' in html
    assert "<script" not in html


def test_an_entry_names_its_lead_picture_and_its_authors_pages(export: Callable[..., Path]) -> None:
    feed = feedparser.parse((export(base_url="https://news.example.org/") / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "The river rises over the embankment")
    assert entry.media_content[0]["url"].startswith("https://news.example.org/images/")
    assert [a.get("href") for a in entry.authors] == [
        "https://news.example.org/author/olena-kovalenko/", "https://news.example.org/author/marko-bilyk/",
    ]
    assert feed.feed.icon == "https://news.example.org/static/icon-180.png"


def test_the_news_sitemap_lists_only_the_last_two_days(newsroom: Library, export: Callable[..., Path]) -> None:
    now = datetime.now(timezone.utc)
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().published_at = now - timedelta(hours=5)
        session.query(Article).filter_by(slug="theatre-reopens").one().published_at = now - timedelta(days=3)
    site = export(base_url="https://news.example.org/")
    root = ElementTree.parse(site / "news-sitemap.xml").getroot()
    urls = root.findall(f"{{{SITEMAP_NS}}}url")
    assert [u.find(f"{{{SITEMAP_NS}}}loc").text for u in urls] == ["https://news.example.org/articles/river-rises/"]
    news = urls[0].find(f"{{{NEWS_NS}}}news")
    assert news.find(f"{{{NEWS_NS}}}title").text == "The river rises over the embankment"
    assert news.find(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name").text == "Workstation News"
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in (site / "robots.txt").read_text()
