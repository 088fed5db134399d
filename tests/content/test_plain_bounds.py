"""``plainly_within``: a whole-text test that lets ordinary bodies skip the block-by-block assessment."""

from __future__ import annotations

import random

import pytest

from tests.content.conftest import RICH_BODY
from workstation.content.blocks import split_blocks
from workstation.content.bounds import MAX_BLOCKS, MAX_DEPTH, MAX_EMBEDS, MAX_FENCE, MAX_TABLE_CELLS, assess, plainly_within
from workstation.content.markdown import body_limits

PROSE = "\n\n".join(
    f"The council approved the bridge budget after a long debate -- {n} times, \"finally\" and *at last*." for n in range(30)
)


def assessed_whole(text: str) -> bool:
    allowed, found = assess([piece for piece, _ in split_blocks(text, MAX_BLOCKS)])
    return all(allowed) and not found


@pytest.mark.parametrize("body", [PROSE, RICH_BODY, "", "One line."])
def test_ordinary_bodies_are_plainly_within_the_limits(body: str) -> None:
    assert plainly_within(body)
    assert assessed_whole(body) and body_limits(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "> " * (MAX_DEPTH + 1) + "deep",
        "<div>" * (MAX_DEPTH + 1),
        "|" * (MAX_TABLE_CELLS + 1),
        "`" * MAX_FENCE + "\ncode",
        "[[a]]\n\n" * (MAX_EMBEDS + 1),
        "line\n" * MAX_BLOCKS,
        "\tindented by a tab",
    ],
    ids=["quotes", "divs", "cells", "fence", "embeds", "lines", "tab"],
)
def test_a_body_near_or_past_a_limit_is_left_to_the_block_by_block_assessment(body: str) -> None:
    assert not plainly_within(body)


def test_whatever_it_passes_the_block_by_block_assessment_passes_too() -> None:
    rng = random.Random(20261206)
    pieces = ["word ", "*", "_", "`", "<div>", "</div>", "&amp;", "|", "[[a]]", "![x](y)", "http://x ", "\n",
              "\n\n", "> ", "- ", "1. ", "    ", "#", "```\n", "~~~", "[^1]", "'", '"', "-", "=====\n", "<!-- "]
    passed = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, rng.choice([20, 200, 2000]))))
        if rng.random() < 0.2:
            text = rng.choice(["> ", "<div>", "- "]) * rng.randint(20, 40) + text
        if plainly_within(text):
            passed += 1
            assert assessed_whole(text), text[:200]
    assert passed > 1000
