"""Preflight's index (migration 0018): the articles ``check`` reads, walked in slug order, their rows untouched."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from tests.library.conftest import make_library_at_revision, sql, stored_photo
from workstation.library.database import Library, open_library
from workstation.library.models import Article, ArticleAuthor, Author
from workstation.library.plain import Plain
from workstation.publish import preflight

TODAY = date(2026, 6, 1)
INDEX = "ix_articles_preflight"


def _articles(count: int) -> list[Article]:
    """Published stories in an order their slugs do not keep, each with something to find, and a draft."""
    articles = []
    for n in range(count):
        article = Article(slug=f"story-{(n * 7) % count:02d}", status="published", headline=f"Trams return {n}" if n % 3
                          else "", feature_photo=stored_photo(n + 1, alt_text="" if n % 2 else "A tram"),
                          feature_alt="Its own words" if n % 4 == 1 else "", body="![](photo:999)" if n % 5 == 0 else "")
        if n % 2:
            article.bylines = [ArticleAuthor(author=Author(slug=f"by-{n}", name="Writer", bio=""), position=0)]
        articles.append(article)
    articles.append(Article(slug="plan", status="draft", headline=""))
    return articles


def _findings(path: Path) -> list[preflight.Finding]:
    connection = sqlite3.connect(path)
    try:
        return preflight.read_preflight(Plain(connection), True, TODAY)
    finally:
        connection.close()


def _plan(path: Path) -> str:
    """SQLite's plan for preflight's read of the articles, as a library file runs it."""
    statement = preflight._ARTICLES.format(kept=preflight._KEPT[0], join=preflight._KEPT[1], where="WHERE a.status = ?")
    return " / ".join(row[-1] for row in sql(path, f"EXPLAIN QUERY PLAN {statement}", "code", "published"))


def test_a_new_library_has_the_index_of_what_preflight_reads_of_an_article(library: Library) -> None:
    assert library.path is not None
    columns = [row[2] for row in sql(library.path, f"PRAGMA index_info({INDEX})")]
    assert columns == ["status", "slug", "headline", "feature_photo_id", "feature_alt"]


def test_preflight_reads_the_articles_from_the_index_alone_in_slug_order(library: Library) -> None:
    assert library.path is not None
    plan = _plan(library.path)
    assert f"COVERING INDEX {INDEX}" in plan
    assert "TEMP B-TREE" not in plan


def test_the_findings_are_those_read_from_the_table_itself(library: Library) -> None:
    assert library.path is not None
    with library.transaction() as session:
        session.add_all(_articles(12))
    library.close()
    with_index = _findings(library.path)
    sql(library.path, f"DROP INDEX {INDEX}")
    assert "TEMP B-TREE" in _plan(library.path)
    assert with_index == _findings(library.path)
    assert len(with_index) > 12


def test_an_upgraded_library_gets_the_index(tmp_path: Path) -> None:
    path = tmp_path / "old.wslib"
    make_library_at_revision(path, "0017")
    assert sql(path, "SELECT name FROM sqlite_master WHERE name = ?", INDEX) == []
    with open_library(path):
        pass
    assert sql(path, "SELECT name FROM sqlite_master WHERE name = ?", INDEX) == [(INDEX,)]
