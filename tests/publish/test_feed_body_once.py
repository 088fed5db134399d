"""An article's body is parsed once per export: its page and its feed entry are filled from the same parse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.content.dialect import Dialect
from workstation.library.database import Library
from workstation.library.models import Article

NOTE = "A claim from the hearing.[^minutes]\n\n[^minutes]: The minutes of the hearing, page four."


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the dialect parses from now on, in order."""
    texts: list[str] = []
    parse = Dialect._parse

    def counting(self: Dialect, text: str):  # type: ignore[no-untyped-def]
        texts.append(text)
        return parse(self, text)

    monkeypatch.setattr(Dialect, "_parse", counting)
    return texts


def test_a_body_with_footnotes_is_parsed_once_for_its_page_and_its_feed_entry(
    newsroom: Library, export: Callable[..., Path], parsed: list[str]
) -> None:
    with newsroom.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        article.body += "\n\n" + NOTE + "\n"
    site = export(workers=1)
    assert sum("[^minutes]" in text for text in parsed) == 1
    assert "The minutes of the hearing" in (site / "articles" / "river-rises" / "index.html").read_text()
    assert "The minutes of the hearing" in (site / "feed.xml").read_text()


def test_a_feed_made_again_for_one_edited_article_parses_that_body_alone(
    newsroom: Library, export: Callable[..., Path], parsed: list[str]
) -> None:
    export(workers=1)
    parsed.clear()
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="older-story-1").one().body = "A body edited after the first export."
    site = export(workers=1)
    # The page of the edited article parses its body (and its author's bio); no other article's body is parsed.
    assert parsed.count("A body edited after the first export.") == 1
    assert not [text for text in parsed if "river" in text or "Curtains" in text]
    feed = (site / "feed.xml").read_text()
    assert "A body edited after the first export." in feed and "Engineers had been watching the gauge" in feed


def test_a_feed_written_into_a_new_folder_from_the_cache_is_the_same_feed(
    newsroom: Library, export: Callable[..., Path], tmp_path: Path
) -> None:
    first = export(workers=1).joinpath("feed.xml").read_bytes()
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="older-story-1").one().headline = "A headline for the feed alone"
    again = export(outdir=tmp_path / "again", workers=1).joinpath("feed.xml").read_bytes()
    assert again == first.replace(b"Older story number 1", b"A headline for the feed alone")
