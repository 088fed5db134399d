"""A related card finds its article whatever the case of the article's stored slug."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workstation.library.database import Library
from workstation.library.models import Article


def test_a_card_finds_an_article_whose_slug_an_older_library_stored_in_capitals(
    export: Callable[..., Path], newsroom: Library
) -> None:
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="older-story-0").one().slug = "Older-Story-0"
    html = (export() / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="related-card"') :]
    assert "Older story number 0" in card and 'href="../older-story-0/' in card
