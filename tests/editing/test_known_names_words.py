"""The library's known names are split into words exactly as the spell checker splits text."""

from __future__ import annotations

from workstation.content.spelling import WORD
from workstation.editing import dictionary
from workstation.library.models import Article, Author, Status

HEADLINES = (
    "Mayor’s plan: O'Neill, d'Artagnan and п'ять м’ята — 2026 vote",
    "Bridge_repair at Pier 7b; ½ done, x² cost (Kharkiv/Lviv)",
    "'Quoted' words, trailing’ and ’leading apostrophes",
    "Tabs\tand\nnewlines   between\u00a0words",
)


def test_the_words_of_published_headlines_are_exactly_those_the_spell_checkers_pattern_finds(library):
    before = dictionary.known_names(library).words
    with library.transaction() as session:
        for number, headline in enumerate(HEADLINES):
            session.add(Article(slug=f"story-{number}", headline=headline, status=Status.PUBLISHED.value))
    expected = {word for headline in HEADLINES for word in WORD.findall(headline)}
    assert dictionary.known_names(library).words == before | expected
    assert {"O'Neill", "м’ята", "Bridge", "repair", "b", "x²"} <= expected


def test_more_names_than_one_step_reads_are_all_known(library):
    count = dictionary.NAME_ROWS * 2 + 3
    with library.transaction() as session:
        session.add_all(Author(slug=f"author-{number}", name=f"Name{chr(0x430 + number % 32)}{number:05d} Surname") for number in range(count))
    words = dictionary.known_names(library).words
    assert {f"Name{chr(0x430 + number % 32)}" for number in range(count)} <= words
