"""The block parser offers a block only to the processors that could claim it, and lays out the same tree."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest

from workstation.content.block_needs import BLOCK_NEEDS
from workstation.content.dialect import Dialect
from workstation.content.views import NullResolver

# Blocks of every kind a body holds, each with the marks some processor looks for.
BLOCKS = (
    "Plain prose, with a well-known hyphen, snake_case, 3 * 4 and a > b.",
    "# Heading\n\nText under it ## not a heading",
    "Setext heading\n==============",
    "Another one\n-----------",
    "Text\n\n---\n\n* * *\n\n___",
    "> A quote\n> that goes on\n\n> > nested",
    "Text with a note.[^1]\n\n[^1]: The note, with a [link][ref].\n\n[ref]: https://example.org \"Title\"",
    "| a | b |\n|---|---|\n| c | d |",
    "| only |\n| --- |\n| one |",
    "- one\n- two\n\n1. first\n2. second\n\n    indented code",
    "Text with a | pipe and a ]: colon, a [^ caret, a # hash and a - dash\non two lines",
    "[[river-crossing]]\n\n![Alt](photo:12 \"Caption\")\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ",
)
DOCUMENT = "\n\n".join(BLOCKS)


def block_processors() -> dict[str, object]:
    registry = Dialect().md.parser.blockprocessors
    return {name: registry[name] for name in BLOCK_NEEDS if name in registry}


def test_every_named_processor_is_registered_in_the_dialect() -> None:
    assert set(block_processors()) == set(BLOCK_NEEDS)


@pytest.mark.parametrize("name", sorted(BLOCK_NEEDS))
def test_no_processor_claims_a_block_without_its_strings(name: str) -> None:
    processor = block_processors()[name]
    for block in [*BLOCKS, DOCUMENT]:
        for need in BLOCK_NEEDS[name]:
            block = block.replace(need, " ")
        parent = etree.Element("div")
        blocks = [block]
        claimed = processor.test(parent, block) and processor.run(parent, blocks) is not False  # type: ignore[attr-defined]
        assert not claimed, (name, block)
        assert blocks == [block] and len(parent) == 0


def test_a_document_with_every_kind_of_block_renders_as_without_the_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = Dialect().render(DOCUMENT, NullResolver())
    for name in BLOCK_NEEDS:
        monkeypatch.setitem(BLOCK_NEEDS, name, ())
    assert Dialect().render(DOCUMENT, NullResolver()) == expected
