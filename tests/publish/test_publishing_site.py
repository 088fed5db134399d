"""What the publishing verbs do to the exported site: embargo, dates, corrections, unpublish."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

from sqlalchemy import select

from tests.page_checks import validate
from tests.publish.conftest import START
from workstation.editing.articles import save_article
from workstation.editing.publishing import correct, publish, unpublish
from workstation.library.article_state import article_state
from workstation.library.database import Library
from workstation.library.importer import import_paths
from workstation.library.models import Article
from workstation.publish.site import export_site
from workstation.publish.stamp import current_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _id(library: Library, slug: str) -> int:
    with library.session() as session:
        return session.scalars(select(Article.id).where(Article.slug == slug)).one()


def _jsonld(page: Path) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)
    return json.loads(block)


def test_a_scheduled_article_is_held_until_its_time_then_published(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    draft = _id(newsroom, "a-draft")
    embargo = datetime(2026, 6, 12, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    # The draft has no byline, a preflight error: overridden, as an editor may.
    publish(newsroom, draft, at=embargo, override="byline follows", now=embargo - timedelta(days=1))
    site = tmp_path / "site"
    before = export_site(newsroom, site, cache_dir=cache_dir, now=embargo - timedelta(hours=1))
    assert before.held == [("a-draft", embargo)]
    assert not (site / "articles" / "a-draft").exists()
    assert "a-draft" not in (site / "index.html").read_text()
    assert current_site(newsroom.path, site, base_url=None, drafts=False, now=embargo - timedelta(minutes=1))
    # Nothing in the library changed, yet once the time has come the folder is no longer current.
    assert current_site(newsroom.path, site, base_url=None, drafts=False, now=embargo) is None
    after = export_site(newsroom, site, cache_dir=cache_dir, now=embargo + timedelta(minutes=1))
    assert after.held == []
    assert (site / "articles" / "a-draft" / "index.html").is_file()
    assert "a-draft" in (site / "index.html").read_text()


def test_an_update_keeps_date_published_and_sets_date_modified_feed_and_sitemap(
    newsroom: Library, export: Callable[..., Path]
) -> None:
    article_id = _id(newsroom, "river-rises")
    edited = START + timedelta(days=2)
    with newsroom.session() as session:
        state = article_state(session.get(Article, article_id))
    # An edit saved without publishing is no published change.
    save_article(newsroom, article_id, replace(state, body=state.body + "\nA new line.\n"))
    site = export()
    data = _jsonld(site / "articles" / "river-rises" / "index.html")
    assert data["datePublished"] == data["dateModified"] == START.isoformat(timespec="seconds")
    publish(newsroom, article_id, now=edited)
    site = export()
    data = _jsonld(site / "articles" / "river-rises" / "index.html")
    assert data["datePublished"] == START.isoformat(timespec="seconds")
    assert datetime.fromisoformat(data["dateModified"]) == edited
    feed = ElementTree.parse(site / "feed.xml").getroot()
    [entry] = [e for e in feed.iter(f"{ATOM}entry") if "river-rises" in e.find(f"{ATOM}link").get("href", "")]
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == edited
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == START
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    lastmod = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in sitemap}
    assert datetime.fromisoformat(lastmod["articles/river-rises/index.html"]) == edited


def test_dates_are_never_the_import_time(library: Library, tmp_path: Path, export: Callable[..., Path]) -> None:
    source = tmp_path / "story.md"
    source.write_text(
        "---\ntitle: Imported story\nstatus: published\ndate: 2025-01-10T08:00:00+01:00\n"
        "updated: 2025-02-01T12:00:00+01:00\nauthors: [Ann Author]\n---\nText.\n",
        encoding="utf-8",
    )
    import_paths(library, [source])
    data = _jsonld(export(library) / "articles" / "story" / "index.html")
    assert (data["datePublished"], data["dateModified"]) == ("2025-01-10T08:00:00+01:00", "2025-02-01T12:00:00+01:00")


def test_a_correction_is_shown_above_the_author_box_and_carried_in_json_ld(
    newsroom: Library, export: Callable[..., Path]
) -> None:
    when = datetime(2026, 6, 12, 10, 0, tzinfo=timezone.utc)
    correct(newsroom, _id(newsroom, "river-rises"), "The water rose 2 m, not 20 m.", now=when)
    page = export() / "articles" / "river-rises" / "index.html"
    html = page.read_text()
    note = html.index("Correction, <time")
    assert note < html.index('class="author-box"')
    assert '12 June 2026</time>:</strong> The water rose 2 m, not 20 m.' in html
    assert _jsonld(page)["correction"] == [
        {"@type": "CorrectionComment", "text": "The water rose 2 m, not 20 m.", "datePublished": "2026-06-12T10:00:00+00:00"}
    ]
    assert datetime.fromisoformat(_jsonld(page)["dateModified"]) == when


def test_unpublishing_removes_the_page_on_the_next_export(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    assert (site / "articles" / "theatre-reopens" / "index.html").is_file()
    unpublish(newsroom, _id(newsroom, "theatre-reopens"))
    site = export()
    assert not (site / "articles" / "theatre-reopens").exists()
    assert "theatre-reopens" not in (site / "sitemap.xml").read_text()


def test_a_corrected_page_with_remote_image_links_passes_the_nu_checker(
    newsroom: Library, export: Callable[..., Path]
) -> None:
    article_id = _id(newsroom, "river-rises")
    with newsroom.transaction() as session:
        article = session.get(Article, article_id)
        article.body += '\n\n![A chart](https://other.host/a.png)\n\n<picture><source srcset="https://o.host/b.webp">' \
                        '<img src="https://o.host/b.jpg" alt="B"></picture>\n'
    correct(newsroom, article_id, "The water rose 2 m, not 20 m.")
    correct(newsroom, article_id, "The repairs began on Monday, not Sunday.")
    site = export()
    assert validate(site / "articles" / "river-rises") == []
