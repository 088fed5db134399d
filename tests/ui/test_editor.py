"""Formatting shortcuts, and find and replace with match case and whole words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtTest import QTest

from tests.ui.conftest import type_text


@pytest.fixture
def desk(filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["empty"])
    desk.editor.setFocus()
    return desk


def _select(editor, word):
    start = editor.toPlainText().index(word)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


@pytest.mark.parametrize(
    ("key", "expected"),
    [(Qt.Key.Key_B, "Say **loud** now"), (Qt.Key.Key_I, "Say *loud* now")],
)
def test_ctrl_b_and_ctrl_i_wrap_the_selection(desk, key, expected):
    type_text(desk.editor, "Say loud now")
    _select(desk.editor, "loud")
    QTest.keyClick(desk.editor, key, Qt.KeyboardModifier.ControlModifier)
    assert desk.editor.toPlainText() == expected


def test_ctrl_b_twice_removes_the_bold_again(desk):
    type_text(desk.editor, "Say loud now")
    _select(desk.editor, "loud")
    QTest.keyClick(desk.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(desk.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert desk.editor.toPlainText() == "Say loud now"


def test_ctrl_k_makes_a_link_with_the_address_selected(desk):
    type_text(desk.editor, "Read the report")
    _select(desk.editor, "report")
    QTest.keyClick(desk.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert desk.editor.toPlainText() == "Read the [report](https://)"
    assert desk.editor.textCursor().selectedText() == "https://"


@pytest.mark.parametrize(("action", "prefix"), [("heading", "## "), ("quote", "> "), ("list", "- ")])
def test_line_commands_prefix_the_line(desk, action, prefix):
    type_text(desk.editor, "A line")
    desk.actions_by_name[action].trigger()
    assert desk.editor.toPlainText() == prefix + "A line"


def test_one_undo_reverts_one_formatting_command(desk):
    type_text(desk.editor, "Say loud now")
    _select(desk.editor, "loud")
    QTest.keyClick(desk.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    desk.editor.undo()
    assert desk.editor.toPlainText() == "Say loud now"


def test_replace_all_respects_match_case(desk):
    type_text(desk.editor, "Kyiv and kyiv and KYIV")
    desk.find_bar.open(True)
    desk.find_bar.find_field.setText("Kyiv")
    desk.find_bar.replace_field.setText("Kharkiv")
    desk.find_bar.match_case.setChecked(True)
    assert desk.find_bar.replace_all() == 1
    assert desk.editor.toPlainText() == "Kharkiv and kyiv and KYIV"


def test_replace_all_respects_whole_words(desk):
    type_text(desk.editor, "art and artist and art.")
    desk.find_bar.open(True)
    desk.find_bar.find_field.setText("art")
    desk.find_bar.replace_field.setText("craft")
    desk.find_bar.whole_words.setChecked(True)
    assert desk.find_bar.replace_all() == 2
    assert desk.editor.toPlainText() == "craft and artist and craft."


def test_replace_all_is_one_undo_step(desk):
    type_text(desk.editor, "a b a b a")
    desk.find_bar.open(True)
    desk.find_bar.find_field.setText("a")
    desk.find_bar.replace_field.setText("z")
    desk.find_bar.replace_all()
    desk.editor.undo()
    assert desk.editor.toPlainText() == "a b a b a"


def test_ctrl_f_opens_the_find_bar_with_the_selection(desk):
    type_text(desk.editor, "find this word")
    _select(desk.editor, "this")
    QTest.keyClick(desk.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert desk.find_bar.isVisible()
    assert desk.find_bar.find_field.text() == "this"
    assert not desk.find_bar.replace_field.isVisible()


def test_find_next_selects_the_next_match_and_wraps(desk):
    type_text(desk.editor, "one two one")
    desk.find_bar.open(False)
    desk.find_bar.find_field.setText("one")
    assert desk.find_bar.find_next()
    assert desk.editor.textCursor().selectionStart() == 0
    desk.find_bar.find_next()
    assert desk.editor.textCursor().selectionStart() == 8


def test_ctrl_h_opens_find_and_replace(desk):
    QTest.keyClick(desk.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert desk.find_bar.isVisible()
    assert desk.find_bar.replace_field.isVisible()


def _alpha_at(editor, needle):
    """The foreground alpha the highlighter gave the first character of ``needle``."""
    position = editor.toPlainText().index(needle)
    block = editor.document().findBlock(position)
    column = position - block.position()
    for fmt_range in block.layout().formats():
        if fmt_range.start <= column < fmt_range.start + fmt_range.length and fmt_range.format.hasProperty(
            QTextFormat.Property.ForegroundBrush
        ):
            return fmt_range.format.foreground().color().alphaF()
    return 1.0


def _focus_on(desk, text, caret_at):
    type_text(desk.editor, text)
    cursor = desk.editor.textCursor()
    cursor.setPosition(desk.editor.toPlainText().index(caret_at))
    desk.editor.setTextCursor(cursor)
    desk.toggle_focus_mode(True)


def test_focus_mode_hides_the_panels(desk):
    _focus_on(desk, "First paragraph.\n\nThird.", "Third")
    assert not desk.preview.isVisible() and not desk.side.isVisible()


def test_focus_mode_fades_the_paragraphs_around_the_one_being_written(desk):
    _focus_on(desk, "First paragraph.\n\nSecond line one\nsecond line two\n\nThird.", "second line two")
    assert _alpha_at(desk.editor, "First") < 0.5
    assert _alpha_at(desk.editor, "Third") < 0.5
    assert _alpha_at(desk.editor, "Second line one") == 1.0


def test_focus_mode_fades_links_and_photo_references_too(desk):
    _focus_on(desk, "See [the report](https://example.org) and ![a river](photo:1).\n\n[[other-story]]\n\nNow.", "Now")
    assert _alpha_at(desk.editor, "the report") < 0.5
    assert _alpha_at(desk.editor, "photo:1") < 0.5
    assert _alpha_at(desk.editor, "[[other-story]]") < 0.5


def test_moving_the_caret_in_focus_mode_moves_the_emphasis(desk):
    _focus_on(desk, "First paragraph.\n\nThird.", "Third")
    desk.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert _alpha_at(desk.editor, "First") == 1.0
    assert _alpha_at(desk.editor, "Third") < 0.5


def test_leaving_focus_mode_unfades_the_text(desk):
    _focus_on(desk, "First paragraph.\n\nThird.", "Third")
    desk.toggle_focus_mode(False)
    assert _alpha_at(desk.editor, "First") == 1.0


def test_escape_leaves_focus_mode(desk):
    desk.toggle_focus_mode(True)
    QTest.keyClick(desk.editor, Qt.Key.Key_Escape)
    assert not desk.focus_mode
    assert desk.preview.isVisible() and desk.side.isVisible()
