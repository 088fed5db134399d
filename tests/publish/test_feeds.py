"""The Atom feed, the sitemap and robots.txt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import feedparser

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_feed_parses_and_lists_published_articles_newest_first(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.title == "Workstation News"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "The river rises over the embankment"
    assert "Unfinished draft" not in titles
    first = feed.entries[0]
    assert first.link == "https://news.example.org/articles/river-rises/"
    assert [a.name for a in first.authors] == ["Olena Kovalenko", "Marko Bilyk"]
    assert first.summary == "Flooding in the lower town, and how the repairs went."


def test_feed_without_a_base_url_still_parses(export: Callable[..., Path]) -> None:
    feed = feedparser.parse((export() / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 5


def test_sitemap_lists_every_page_with_absolute_urls(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    locs = {el.text for el in root.iter(f"{SITEMAP}loc")}
    assert "https://news.example.org/" in locs
    assert "https://news.example.org/articles/river-rises/" in locs
    assert "https://news.example.org/section/news-feed/" in locs
    assert "https://news.example.org/author/olena-kovalenko/" in locs
    assert all(loc.startswith("https://news.example.org/") for loc in locs)


def test_robots_points_at_the_sitemap(export: Callable[..., Path]) -> None:
    robots = (export(base_url="https://news.example.org/") / "robots.txt").read_text()
    assert "Allow: /" in robots
    assert "Sitemap: https://news.example.org/sitemap.xml" in robots


def test_section_pages_are_paginated_by_twenty(newsroom, export: Callable[..., Path]) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from workstation.library.models import Article, Section

    start = datetime(2026, 3, 1, tzinfo=timezone.utc)

    with newsroom.transaction() as session:
        section = session.query(Section).filter_by(slug="culture").one()
        for number in range(41):
            session.add(Article(slug=f"review-{number}", headline=f"Review {number}", body="A review.",
                                section=section, status="published", published_at=start - timedelta(days=10 + number)))
    site = export()
    assert (site / "section" / "culture" / "page" / "3" / "index.html").is_file()
    assert not (site / "section" / "culture" / "page" / "4").exists()
    first = (site / "section" / "culture" / "index.html").read_text()
    assert first.count('class="story__headline"') == 20
    assert 'href="page/2/index.html" rel="next"' in first
    last = (site / "section" / "culture" / "page" / "3" / "index.html").read_text()
    assert 'href="../2/index.html" rel="prev"' in last and "Page 3 of 3" in last
    assert (site / "page" / "3" / "index.html").is_file()


def test_author_page_shows_profile_links_and_articles(export: Callable[..., Path]) -> None:
    html = (export() / "author" / "olena-kovalenko" / "index.html").read_text()
    assert '<h1 class="profile__name">Olena Kovalenko</h1>' in html
    assert 'href="https://social.example/@olena"' in html and ">Mastodon<" in html
    assert 'href="https://example.org/olena"' in html
    assert "The river rises over the embankment" in html


def test_not_found_page_links_home(export: Callable[..., Path]) -> None:
    html = (export() / "404.html").read_text()
    assert "Page not found" in html and 'href="index.html"' in html


def test_not_found_page_uses_absolute_links_with_a_base_url(export: Callable[..., Path]) -> None:
    html = (export(base_url="https://news.example.org/") / "404.html").read_text()
    assert 'href="https://news.example.org/static/site.css"' in html
    assert 'href="https://news.example.org/"' in html
