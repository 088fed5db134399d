"""The feed and the 404 page are rebuilt when what they show changes, and left alone otherwise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish.feeds import FEED_SIZE
from workstation.publish.site import export_site

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def many_articles(library: Library, count: int) -> Library:
    with library.transaction() as session:
        for number in range(count):
            session.add(Article(slug=f"story-{number:02d}", headline=f"Story number {number}", body="Text.",
                                status="published", published_at=START + timedelta(hours=number)))
    return library


def edit(library: Library, slug: str, headline: str) -> None:
    with library.transaction() as session:
        session.query(Article).filter_by(slug=slug).one().headline = headline


def export(library: Library, site: Path, cache: Path) -> list[str]:
    return export_site(library, site, cache_dir=cache).written


def test_an_edit_outside_the_feed_leaves_the_feed_and_404_page_alone(library: Library, tmp_path: Path) -> None:
    many_articles(library, FEED_SIZE + 5)
    site, cache = tmp_path / "site", tmp_path / "cache"
    export(library, site, cache)
    edit(library, "story-00", "The oldest story, edited")
    written = export(library, site, cache)
    assert "articles/story-00/index.html" in written
    assert "feed.xml" not in written and "404.html" not in written


def test_an_edit_to_the_newest_article_reaches_the_feed_and_404_page(library: Library, tmp_path: Path) -> None:
    many_articles(library, FEED_SIZE + 5)
    site, cache = tmp_path / "site", tmp_path / "cache"
    export(library, site, cache)
    newest = f"story-{FEED_SIZE + 4:02d}"
    edit(library, newest, "The newest story, edited")
    written = export(library, site, cache)
    assert {"feed.xml", "404.html"} <= set(written)
    assert "The newest story, edited" in (site / "feed.xml").read_text()
    assert "The newest story, edited" in (site / "404.html").read_text()


def test_a_deleted_feed_is_written_again(library: Library, tmp_path: Path) -> None:
    many_articles(library, 3)
    site, cache = tmp_path / "site", tmp_path / "cache"
    export(library, site, cache)
    (site / "feed.xml").unlink()
    assert "feed.xml" in export(library, site, cache)
    assert "Story number 2" in (site / "feed.xml").read_text()
