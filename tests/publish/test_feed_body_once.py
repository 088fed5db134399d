"""An article's body is parsed once per export: its page and its feed entry are filled from the same parse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.content.dialect import Dialect
from workstation.library.database import Library
from workstation.library.models import Article

NOTE = "A claim from the hearing.[^minutes]\n\n[^minutes]: The minutes of the hearing, page four."


def test_a_body_with_footnotes_is_parsed_once_for_its_page_and_its_feed_entry(
    newsroom: Library, export: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with newsroom.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        article.body += "\n\n" + NOTE + "\n"
    parsed: list[str] = []
    parse = Dialect._parse

    def counting(self: Dialect, text: str):  # type: ignore[no-untyped-def]
        parsed.append(text)
        return parse(self, text)

    monkeypatch.setattr(Dialect, "_parse", counting)
    site = export(workers=1)
    assert sum("[^minutes]" in text for text in parsed) == 1
    assert "The minutes of the hearing" in (site / "articles" / "river-rises" / "index.html").read_text()
    assert "The minutes of the hearing" in (site / "feed.xml").read_text()
