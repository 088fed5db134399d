"""Restoring a revision, and undoing that, leave the caret where the reporter was reading."""

from __future__ import annotations

from tests.ui.conftest import type_text


def _restore_with_the_caret_at(qtbot, desk, story_id: int, position: int, typed: str) -> None:
    """Keep a revision, type ``typed`` at the start, put the caret at ``position`` and restore the revision."""
    desk.open_article(story_id)
    desk.save_now("manual")
    type_text(desk.editor, typed)
    desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    desk.history.list.setCurrentRow(0)
    cursor = desk.editor.textCursor()
    cursor.setPosition(position)
    desk.editor.setTextCursor(cursor)
    desk.history.restore_button.click()


def test_the_caret_stays_in_place_across_a_restore(qtbot, filled, make_desk):
    desk = make_desk()
    _restore_with_the_caret_at(qtbot, desk, filled["story"], 10, "Added first. ")
    assert "Added first." not in desk.editor.toPlainText()
    assert desk.editor.textCursor().position() == 10


def test_undoing_the_restore_puts_the_caret_back_too(qtbot, filled, make_desk):
    desk = make_desk()
    _restore_with_the_caret_at(qtbot, desk, filled["story"], 10, "Added first. ")
    desk.editor.undo()
    qtbot.waitUntil(lambda: "Added first." in desk.editor.toPlainText())
    qtbot.waitUntil(lambda: desk.editor.textCursor().position() == 10, timeout=2_000)
