"""A re-export rewrites only what changed and deletes what is no longer published."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.library.database import Library
from workstation.library.models import Article, Author
from workstation.publish.paths import CURRENT_NAME, MANIFEST_NAME

# What every export rewrites: its records of the folder.
RECORDS = {MANIFEST_NAME, CURRENT_NAME}


def mtimes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def age(site: Path) -> None:
    """Push every file's mtime into the past, so a rewrite is visible even within one clock tick."""
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def edit(library: Library, slug: str, **fields: object) -> None:
    with library.transaction() as session:
        article = session.query(Article).filter_by(slug=slug).one()
        for key, value in fields.items():
            setattr(article, key, value)


def test_export_of_an_unchanged_library_rewrites_nothing(export: Callable[..., Path]) -> None:
    site = export()
    age(site)
    before = mtimes(site)
    export()
    after = mtimes(site)
    assert {k: v for k, v in after.items() if k not in RECORDS} == {
        k: v for k, v in before.items() if k not in RECORDS
    }


def test_changing_one_body_rewrites_that_page_and_the_feeds_only(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    age(site)
    before = mtimes(site)
    edit(newsroom, "older-story-1", body="Earlier text, corrected.")
    export()
    changed = {k for k, v in mtimes(site).items() if before.get(k) != v} - RECORDS
    # The feed and the sitemap carry the article's modification time.
    assert "articles/older-story-1/index.html" in changed
    assert changed <= {"articles/older-story-1/index.html", "feed.xml", "sitemap.xml"}


def test_changing_a_headline_rewrites_the_pages_that_show_it(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    age(site)
    before = mtimes(site)
    edit(newsroom, "older-story-2", headline="A corrected headline")
    export()
    changed = {k for k, v in mtimes(site).items() if before.get(k) != v}
    assert "articles/older-story-2/index.html" in changed
    assert "section/news-feed/index.html" in changed
    assert "articles/river-rises/index.html" in changed  # its "Latest news" lists the story
    assert "articles/theatre-reopens/index.html" not in changed
    assert "A corrected headline" in (site / "articles" / "river-rises" / "index.html").read_text()


def test_unpublished_article_pages_are_deleted(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    page = site / "articles" / "theatre-reopens" / "index.html"
    assert page.is_file()
    edit(newsroom, "theatre-reopens", status="draft")
    export()
    assert not page.exists()
    assert not page.parent.exists()
    assert not (site / "section" / "culture").exists()
    assert "theatre-reopens" not in json.loads((site / MANIFEST_NAME).read_text())["files"].__repr__()


def test_drafts_are_published_only_when_asked(export: Callable[..., Path]) -> None:
    site = export()
    assert not (site / "articles" / "a-draft").exists()
    export(drafts=True)
    assert (site / "articles" / "a-draft" / "index.html").is_file()
    assert "Disallow: /" in (site / "robots.txt").read_text()


def test_files_we_did_not_write_are_never_deleted(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    mine = site / "articles" / "theatre-reopens" / "notes.txt"
    mine.write_text("the editor's own file")
    edit(newsroom, "theatre-reopens", status="draft")
    export()
    assert mine.read_text() == "the editor's own file"


def test_a_deleted_page_is_written_again(export: Callable[..., Path]) -> None:
    site = export()
    page = site / "articles" / "river-rises" / "index.html"
    page.unlink()
    export()
    assert page.is_file()


def test_renditions_are_not_encoded_again_for_a_new_folder(
    export: Callable[..., Path], tmp_path: Path, cache_dir: Path
) -> None:
    export()
    # A file written again is a new file (written beside it and renamed): a new inode.
    cached = {p: p.stat().st_ino for p in cache_dir.rglob("*") if p.is_file()}
    export(outdir=tmp_path / "second")
    assert {p: p.stat().st_ino for p in cache_dir.rglob("*") if p.is_file()} == cached


def test_changing_an_authors_profile_rewrites_their_page(newsroom: Library, export: Callable[..., Path]) -> None:
    site = export()
    with newsroom.transaction() as session:
        session.query(Author).filter_by(slug="marko-bilyk").one().bio = "Marko edits pictures and maps."
    export()
    assert "pictures and maps" in (site / "author" / "marko-bilyk" / "index.html").read_text()


def rendered_pages(newsroom: Library, export: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Export, and return the pages the export rendered (rather than found right or took from the cache)."""
    from workstation.publish import site

    rendered: list[str] = []
    listing, article = site._Export.render_listing, site._Export.render_article
    monkeypatch.setattr(site._Export, "render_listing",
                        lambda job, template, page, *rest: rendered.append(page) or listing(job, template, page, *rest))
    monkeypatch.setattr(site._Export, "render_article",
                        lambda job, record, page, *rest: rendered.append(page) or article(job, record, page, *rest))
    export(workers=1)
    return sorted(rendered)


def test_a_body_edit_below_a_dek_renders_only_its_own_page(
    newsroom: Library, export: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    export()
    # The newest of its section: every other page of the section lists it under "Latest news", with its dek.
    edit(newsroom, "river-rises", body="A new body, below the same dek.")
    assert rendered_pages(newsroom, export, monkeypatch) == ["articles/river-rises/index.html"]


def test_a_body_edit_of_an_article_without_a_dek_rewrites_the_teasers_made_from_it(
    newsroom: Library, export: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = export()
    edit(newsroom, "theatre-reopens", body="The doors open at seven.")
    assert "section/culture/index.html" in rendered_pages(newsroom, export, monkeypatch)
    assert "The doors open at seven." in (site / "section" / "culture" / "index.html").read_text()


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"body": "A new body for the feed."}, "A new body for the feed."),
        ({"feature_caption": "A caption only the lead shows."}, "A caption only the lead shows."),
    ],
)
def test_the_feed_carries_an_articles_new_content(
    newsroom: Library, export: Callable[..., Path], fields: dict[str, object], shown: str
) -> None:
    site = export()
    edit(newsroom, "river-rises", **fields)
    export()
    assert shown in (site / "feed.xml").read_text()
