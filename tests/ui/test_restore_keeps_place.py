"""Restoring a revision leaves the caret where the reporter was reading, not at the end of the text."""

from __future__ import annotations

from tests.ui.conftest import type_text


def test_the_caret_stays_in_place_across_a_restore(qtbot, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.save_now("manual")
    cursor = desk.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    desk.editor.setTextCursor(cursor)
    type_text(desk.editor, "\n\nA closing line added later.")
    desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    desk.history.list.setCurrentRow(0)
    cursor = desk.editor.textCursor()
    cursor.setPosition(10)
    desk.editor.setTextCursor(cursor)
    desk.history.restore_button.click()
    assert "A closing line added later." not in desk.editor.toPlainText()
    assert desk.editor.textCursor().position() == 10


def test_undoing_the_restore_puts_the_caret_back_too(qtbot, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.save_now("manual")
    type_text(desk.editor, "Added first. ")
    desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    desk.history.list.setCurrentRow(0)
    cursor = desk.editor.textCursor()
    cursor.setPosition(10)
    desk.editor.setTextCursor(cursor)
    desk.history.restore_button.click()
    desk.editor.undo()
    qtbot.waitUntil(lambda: "Added first." in desk.editor.toPlainText())
    qtbot.waitUntil(lambda: desk.editor.textCursor().position() == 10, timeout=2_000)
