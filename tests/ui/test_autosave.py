"""Never lose a word: the autosave, its guards, and the revisions it keeps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import fresh_article, type_text


def test_typing_is_in_the_file_within_a_second(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, " Typed on the train.")
    qtbot.waitUntil(lambda: "Typed on the train." in fresh_article(library.path, filled["story"])["body"], timeout=3000)


def test_switching_article_saves_at_once(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    type_text(desk.editor, "Lead words. ")
    desk.open_article(filled["empty"])
    assert fresh_article(library.path, filled["story"])["body"].startswith("Lead words. ")


def test_a_new_article_is_saved_from_its_first_keystroke(qtbot, library, make_desk):
    desk = make_desk()
    assert desk.new_article()
    type_text(desk.editor, "x")
    qtbot.waitUntil(lambda: fresh_article(library.path, desk.article_id)["body"] == "x", timeout=3000)


def test_an_article_whose_load_failed_is_never_written(qtbot, library, filled, make_desk, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    desk = make_desk()
    assert not desk.open_article(987_654)
    assert warnings and "987654" in warnings[0]
    assert desk.editor.isReadOnly()
    assert not desk.save_now("close")


def test_a_body_the_user_cleared_is_saved_empty(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.editor.selectAll()
    QTest.keyClick(desk.editor, Qt.Key.Key_Delete)
    assert desk.save_now()
    assert fresh_article(library.path, filled["story"])["body"] == ""


def test_a_status_change_is_saved_with_a_revision(qtbot, library, filled, make_desk):
    from workstation.editing.articles import revision_summaries

    desk = make_desk()
    desk.open_article(filled["story"])
    desk.panel.status.setCurrentIndex(desk.panel.status.findData("ready"))
    assert fresh_article(library.path, filled["story"])["status"] == "ready"
    assert [r.reason for r in revision_summaries(library, filled["story"])] == ["status", "original"]


def test_closing_an_edited_article_keeps_a_revision(qtbot, library, filled, make_desk):
    from workstation.editing.articles import revision_summaries

    desk = make_desk()
    desk.open_article(filled["story"])
    type_text(desk.editor, "More. ")
    desk.close_article()
    assert [r.reason for r in revision_summaries(library, filled["story"])] == ["close", "original"]


def test_a_taken_slug_is_reported_and_the_text_still_saved(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.panel.slug.setText(filled["other_slug"])
    type_text(desk.editor, "Still saved. ")
    assert desk.save_now()
    assert "already used" in desk.panel.slug_hint.text()
    assert fresh_article(library.path, filled["story"])["body"].startswith("Still saved. ")


def test_a_new_article_starts_in_its_headline_shown_at_the_top_of_the_details(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.show_history()
    assert desk.new_article()
    assert desk.side.currentWidget() is desk.panel
    assert desk.panel.verticalScrollBar().value() == 0
    assert desk.focusWidget() is desk.panel.headline
