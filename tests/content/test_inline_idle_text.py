"""Text an inline pass could not change is left as it is: bodies render as when every pattern was tried."""

from __future__ import annotations

import pytest

from workstation.content.bounds import PATTERN_NEEDS
from workstation.content.dialect import Dialect
from workstation.content.views import NullResolver

BODIES = (
    "Plain prose of the kind most paragraphs are. It ends here.",
    "A hyphen-ated word, a dash -- and a longer one --- and dots ... and four dots....",
    "A line ending in two spaces  \nand the next line, and a line ending in one \nmore.",
    "It's \"quoted\" and 'single', the '90s.",
    "# A heading with -- a dash\n\nProse under it.\n\n> A quote ... with dots\n\n- a list *item*\n- and `code`",
    "Raw <b>bold</b> &amp; an entity, <http://example.org> and [a link](http://example.org) -- then prose.",
    "| a -- b | c |\n|---|---|\n| d ... | e |",
    "Text with a note.[^1] -- and more.\n\n[^1]: The note's text.",
    "[[river-crossing]]\n\nText with [[river-crossing]] inline -- and on.",
)


@pytest.mark.parametrize("body", BODIES)
def test_a_body_renders_as_when_every_pattern_is_tried(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = Dialect().render(body, NullResolver())
    for name in PATTERN_NEEDS:
        monkeypatch.setitem(PATTERN_NEEDS, name, ())
    assert Dialect().render(body, NullResolver()) == expected


def test_a_dash_pair_and_an_ellipsis_still_become_typography() -> None:
    html = Dialect().render("a -- b --- c ... d", NullResolver())
    assert "a \u2013 b \u2014 c \u2026 d" in html.replace("&ndash;", "\u2013").replace("&mdash;", "\u2014").replace(
        "&hellip;", "\u2026"
    )
