"""Word counts read token by token match the word pattern run over the whole plain text."""

from __future__ import annotations

import random

from workstation.content.reading import _WORD, word_count
from workstation.content.sanitise import plain_text

PIECES = (
    "word", "Київ", "3", "3.5", "snake_case", "don't", "it’s", "well-known", "e.g.", " ", "\n", ".", ",", ";", ":",
    "!", "?", '"', "'", "(", ")", "[", "]", "«", "»", "“", "”", "…", "—", "–", "-", "*", "/", "_", "²", "#", "&amp;",
)


def test_each_text_counts_as_the_pattern_finds_its_words() -> None:
    rng = random.Random(61)
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert word_count(text) == len(_WORD.findall(plain_text(text))), repr(text)


def test_words_between_punctuation_count_once() -> None:
    assert word_count('"Quoted," (bracketed) «so» end. …and—then') == 6
