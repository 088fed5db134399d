"""Plain text is the same whether or not a text without tags goes through the tag stripper."""

from __future__ import annotations

import random
import re

import pytest

from workstation.content import sanitise
from workstation.content.reading import word_count
from workstation.content.sanitise import plain_text

PIECES = (
    "word", "Київ", " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", "\x00", "\u00a0", "\u2019", "'", '"', "-", "--", ".",
    ">", "|", "#", "*", "_", "`", "[", "]", "(", ")", "{", "}", "&", "&amp;", "&#8212;", "<b>", "</p>", "<br>",
    "http://example.org/", "![alt](photo:1)", "[[slug]]", "[^1]", "[a](b)", "1.", "- ", "> ",
)


def texts() -> list[str]:
    rng = random.Random(20261206)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(400)]


def test_text_without_tags_comes_out_as_the_stripper_leaves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = texts()
    fast = [(plain_text(text), word_count(text)) for text in samples]
    # A pattern that finds something in every text: each one goes through the stripper, as before.
    monkeypatch.setattr(sanitise, "_STRIPPER_CHANGES", re.compile(""))
    assert fast == [(plain_text(text), word_count(text)) for text in samples]


def test_what_the_stripper_would_change_still_goes_through_it() -> None:
    assert plain_text("a\x00b") == "ab"
    assert plain_text("one\r\ntwo &amp; <b>three</b>") == "one two & three"
    assert plain_text("no\u00a0break &lt;b&gt;") == "no break <b>"
