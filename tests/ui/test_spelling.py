"""Spell checking while typing, in English and Ukrainian."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import type_text
from workstation.content.spelling import SpellChecker
from workstation.ui.highlighter import misspelled_ranges


@pytest.fixture
def desk(filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["empty"])
    return desk


def underlined(desk) -> list[str]:
    block = desk.editor.document().firstBlock()
    text = block.text()
    return [text[start : start + length] for start, length in misspelled_ranges(block.layout().formats())]


def cursor_in(desk, word) -> QTextCursor:
    cursor = QTextCursor(desk.editor.document())
    cursor.setPosition(desk.editor.toPlainText().index(word) + 1)
    return cursor


def test_a_misspelled_english_word_is_underlined(desk):
    type_text(desk.editor, "The goverment met today")
    assert underlined(desk) == ["goverment"]


def test_a_misspelled_ukrainian_word_is_underlined(desk):
    type_text(desk.editor, "Уряд зібрався сьогодні у Києві, але міністрр запізнився")
    assert underlined(desk) == ["міністрр"]


def test_suggestions_are_offered_for_both_languages(desk):
    type_text(desk.editor, "The goverment and міністрр")
    menu = QMenu()
    english = [a.text() for a in desk.editor.spelling_actions(cursor_in(desk, "goverment"), menu)]
    ukrainian = [a.text() for a in desk.editor.spelling_actions(cursor_in(desk, "міністрр"), menu)]
    assert "government" in english
    assert "міністр" in ukrainian


def test_choosing_a_suggestion_replaces_the_word(desk):
    type_text(desk.editor, "The goverment met")
    menu = QMenu()
    actions = desk.editor.spelling_actions(cursor_in(desk, "goverment"), menu)
    next(a for a in actions if a.text() == "government").trigger()
    assert desk.editor.toPlainText() == "The government met"


def test_urls_code_photo_refs_and_slugs_are_not_checked(desk):
    type_text(
        desk.editor,
        "See https://exmple.org/qwrtz and `xqzv` and ![Alt](photo:12) and [[brdge-reopns]] and [text](https://zzqx.io)",
    )
    assert underlined(desk) == []


def test_a_word_added_to_the_dictionary_is_kept_in_the_library(library, desk):
    from workstation.editing.dictionary import dictionary_words

    type_text(desk.editor, "Zaluzhnyi spoke")
    assert underlined(desk) == ["Zaluzhnyi"]
    menu = QMenu()
    add = desk.editor.spelling_actions(cursor_in(desk, "Zaluzhnyi"), menu)[-1]
    add.trigger()
    assert underlined(desk) == []
    assert dictionary_words(library) == ["Zaluzhnyi"]
