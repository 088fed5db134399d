"""Bylines as the exported site prints them: in the editor's order, before and after a merge."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from workstation.library.authors import create_author, find_author, merge_authors
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor
from workstation.publish.site import export_site


def publish_story(library: Library, names: list[str]) -> None:
    with library.transaction() as session:
        authors = [create_author(session, name, role="Reporter") for name in names]
        article = Article(
            slug="grid-repairs",
            headline="Night crews restore the grid",
            body="Crews worked through the night.",
            status="published",
            published_at=datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc),
        )
        session.add(article)
        session.flush()
        for position, author in enumerate(authors):
            session.add(ArticleAuthor(article_id=article.id, author_id=author.id, position=position))


def printed_bylines(out: Path) -> tuple[list[str], list[str]]:
    """(names in the byline line, names of the author boxes) of the exported article."""
    page = (out / "articles" / "grid-repairs" / "index.html").read_text(encoding="utf-8")
    byline = re.search(r'<span class="article__byline">(.*?)</span>', page, re.S).group(1)
    boxes = re.findall(r'<h2 class="author-box__name"><a href="[^"]*">([^<]+)</a>', page)
    return re.findall(r">([^<>]+)</a>", byline), boxes


def test_exported_bylines_keep_the_editors_order(library: Library, tmp_path: Path) -> None:
    publish_story(library, ["Taras Bondar", "Anna Moroz", "Ivan Petrenko"])
    export_site(library, tmp_path / "site")
    names, boxes = printed_bylines(tmp_path / "site")
    assert names == ["Taras Bondar", "Anna Moroz", "Ivan Petrenko"]
    assert boxes == names


def test_after_a_merge_the_kept_author_takes_the_removed_ones_place(library: Library, tmp_path: Path) -> None:
    publish_story(library, ["Taras Bondar", "Anna Moroz", "Ivan Petrenko"])
    with library.transaction() as session:
        merge_authors(session, find_author(session, "ivan-petrenko"), find_author(session, "taras-bondar"))
    export_site(library, tmp_path / "site")
    names, boxes = printed_bylines(tmp_path / "site")
    assert names == ["Ivan Petrenko", "Anna Moroz"]
    assert boxes == names
    assert not (tmp_path / "site" / "author" / "taras-bondar").exists()
