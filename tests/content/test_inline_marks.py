"""The inline pass skips a pattern only where the pattern could not have matched."""

from __future__ import annotations

import string

from workstation.content.bounds import PATTERN_NEEDS
from workstation.content.dialect import Dialect
from workstation.content.views import NullResolver

# Text with every kind of character a body holds: words, digits, spaces, line ends, ASCII punctuation, quotes.
SAMPLE = (
    "Word words 12 1990s -- --- ... <<a>> \"quoted\" 'single' it's *em* __strong__ `code` [link](http://x.y) "
    "![img](photo:1) [[slug]] [^1] <b>bold</b> <http://example.org> <a@b.c> &amp; &#8212; \\* trailing  \n"
    "next line, (brackets) {braces} | pipes ~tilde~ = equals + plus # hash @ at ! bang ? query ; semi : colon\n"
    + string.printable
)


def registered_patterns() -> dict[str, object]:
    md = Dialect().md
    found = {}
    for processor in ("inline", "smarty"):
        registry = md.treeprocessors[processor].inlinePatterns
        found.update({name: registry[name] for name in PATTERN_NEEDS if name in registry})
    return found


def test_every_named_pattern_is_registered_in_the_dialect() -> None:
    assert set(registered_patterns()) == set(PATTERN_NEEDS) - {"smarty-left-angle-quotes", "smarty-right-angle-quotes"}


def test_no_pattern_matches_text_without_its_marks() -> None:
    for name, pattern in registered_patterns().items():
        text = SAMPLE
        for mark in PATTERN_NEEDS[name]:
            text = text.replace(mark, " ")
        regex = pattern.getCompiledRegExp()  # type: ignore[attr-defined]
        assert regex.search(text) is None, name


def test_text_with_every_mark_renders_as_before_the_skipping() -> None:
    dialect = Dialect()
    expected = dialect.render(SAMPLE, NullResolver())
    saved = dict(PATTERN_NEEDS)
    try:
        for name in PATTERN_NEEDS:
            PATTERN_NEEDS[name] = ""
        unskipped = Dialect().render(SAMPLE, NullResolver())
    finally:
        PATTERN_NEEDS.update(saved)
    assert expected == unskipped
