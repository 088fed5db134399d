"""The spell checker itself, without an editor: languages by script, and a missing dictionary."""

from __future__ import annotations

from workstation.content.spelling import SpellChecker, is_cyrillic_language


def test_a_missing_dictionary_turns_checking_off_with_a_note():
    spell = SpellChecker(["xx_NOPE"])
    assert not spell.available
    assert "xx_NOPE" in spell.note
    assert spell.check("anythingg")


def test_ukrainian_is_checked_as_a_cyrillic_language():
    assert is_cyrillic_language("uk_UA") and not is_cyrillic_language("en_US")
