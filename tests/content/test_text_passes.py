"""Plain text, word counts and photo references: what the faster passes must still find."""

from __future__ import annotations

from workstation.content.reading import word_count
from workstation.content.references import photo_refs
from workstation.content.sanitise import plain_text


def test_photo_references_are_found_in_images_and_definitions_in_the_order_they_appear() -> None:
    body = "[lead]: photo:7\n\nText ![a](photo:3) and ![b][lead].\n\n![c](\n  photo:5)\n"
    assert photo_refs(body) == [7, 3, 5]


def test_line_syntax_goes_only_where_it_starts_a_line() -> None:
    body = "## Part 2\n\n- one item\n\n> a quote\n\nTen # marks and a - dash stay, as does 3. here.\n\n1. first"
    assert plain_text(body) == "Part 2 one item a quote Ten # marks and a - dash stay, as does 3. here. first"


def test_a_closing_heading_hash_goes_and_a_table_becomes_words() -> None:
    assert plain_text("# Title ##\n\n| a | b |\n|---|---|\n| c | d |") == "Title a b c d"


def test_joined_words_count_once_and_underscores_separate_words() -> None:
    assert word_count("don't stop: well-known snake_case 3.5 — Київ²") == 7
