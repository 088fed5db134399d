"""Spell-check languages are shown by name, each in its own language."""

from __future__ import annotations

from workstation.content.languages import language_name, language_names
from workstation.content.spelling import SpellChecker


def test_a_language_is_named_in_itself():
    assert language_name("uk_UA") == "Українська"


def test_two_dictionaries_of_one_language_are_told_apart_by_region():
    names = language_names(["en_GB", "en_US", "uk_UA"])
    assert names == {"en_GB": "English (United Kingdom)", "en_US": "English (United States)", "uk_UA": "Українська"}


def test_an_unknown_code_is_shown_as_it_is():
    assert language_name("xx_QQ") == "xx_QQ"


def test_a_missing_dictionary_is_reported_by_name():
    spell = SpellChecker(["zu_ZA"])
    assert "isiZulu" in spell.note and "zu_ZA" not in spell.note
