"""The block parser's pass, offering a block only to the processors that could claim it.

Python-Markdown's ``BlockParser.parseBlocks`` asks every block processor
in turn whether it claims the block, and most ask by a regular expression
searched over the whole block (a heading anywhere in it, a quote, a rule, a
footnote or link definition), so every paragraph of prose is scanned half
a dozen times for marks it does not hold. A processor named in
``BLOCK_NEEDS`` cannot claim a block without one of its strings, and is
passed over for a block that has none of them: the same processors claim
the same blocks, in the same order, as in the stock pass.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.util import Registry

# What a processor cannot claim a block without, by the name Python-Markdown and its extensions
# register it under. The footnote and reference processors claim every block they are offered
# and hand back one without a definition, so for them the strings are what a definition needs.
BLOCK_NEEDS: dict[str, tuple[str, ...]] = {
    "hashheader": ("#",),
    "setextheader": ("\n=", "\n-"),
    "hr": ("-", "_", "*"),
    "quote": (">",),
    "footnote": ("[^",),
    "reference": ("]:",),
    "table": ("|",),
}


def in_order_with_needs(registry: Registry, needs: Mapping[str, tuple[str, ...]]) -> list[tuple[Any, tuple[str, ...]]]:
    """The items of a Python-Markdown ``registry`` in its order, each with the strings ``needs`` names for it
    (by its registered name; none for an item not named, which is always tried)."""
    by_item = {id(registry[name]): marks for name, marks in needs.items() if name in registry}
    return [(item, by_item.get(id(item)) or ()) for item in registry]


def skip_hopeless_processors(parser: BlockParser) -> None:
    """Make ``parser`` pass a block over to each processor whose strings (``BLOCK_NEEDS``) it holds none of.

    The processors and their order are taken from the parser's registry
    once, and again whenever a processor is registered or removed.
    """
    registry = parser.blockprocessors
    ordered: list[tuple[BlockProcessor, tuple[str, ...]]] = []
    ordered_for: list[tuple[int, int]] = [(0, 0)]

    def processors() -> list[tuple[BlockProcessor, tuple[str, ...]]]:
        if ordered_for[0] != (id(registry), len(registry)):
            ordered[:] = in_order_with_needs(registry, BLOCK_NEEDS)
            ordered_for[0] = (id(registry), len(registry))
        return ordered

    def parse_blocks(parent: etree.Element, blocks: list[str]) -> None:
        """``BlockParser.parseBlocks``, each block offered only to the processors that could claim it."""
        steps = processors()
        while blocks:
            for processor, needs in steps:
                block = blocks[0]
                # A loop, not any() over a generator: this runs for every block and processor.
                for need in needs:
                    if need in block:
                        break
                else:
                    if needs:
                        continue
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break

    parser.parseBlocks = parse_blocks  # type: ignore[method-assign]
