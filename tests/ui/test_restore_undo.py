"""Restore a revision on the article desk, then Edit ▸ Undo: every field comes back, on disk too."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import type_text
from workstation.library.article_state import ArticleState, article_state
from workstation.library.database import open_library
from workstation.library.models import Article


def _reopened(path, article_id) -> ArticleState:
    with open_library(path, readonly=True) as lib, lib.session() as session:
        return article_state(session.get(Article, article_id))


def _everything_changed(qtbot, desk, filled) -> None:
    """A manual revision of the story, then every restorable field changed and saved; the revision chosen."""
    desk.open_article(filled["story"])
    desk.save_now("manual")
    panel = desk.panel
    panel.headline.setPlainText("A different headline")
    panel.dek.setPlainText("A different dek.")
    panel.section.setCurrentIndex(panel.section.findData(None))
    panel.byline.set_ids([filled["authors"][1]])
    panel.tags.setText("later, floods")
    panel.seo_title.setText("SEO title")
    panel.seo_description.setPlainText("SEO description")
    desk.set_lead_photo(filled["photo"])
    panel.feature_caption.setPlainText("Caption override")
    panel.feature_alt.setText("Alt override")
    desk.editor.selectAll()
    type_text(desk.editor, "A rewritten story.")
    assert desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    manual = next(i for i in range(desk.history.list.count()) if "by hand" in desk.history.list.item(i).text())
    desk.history.list.setCurrentRow(manual)


def test_undo_after_restore_brings_every_field_back_after_reopening(qtbot, library, filled, make_desk):
    desk = make_desk()
    _everything_changed(qtbot, desk, filled)
    before = _reopened(library.path, filled["story"])
    desk.history.restore_button.click()
    assert desk.panel.values()["dek"] == "Crews worked through the night."
    desk.editor.undo()  # what Edit ▸ Undo calls
    assert desk.current_state() == before
    desk.close_article()
    library.close()
    assert _reopened(library.path, filled["story"]) == before


def test_ctrl_z_in_the_editor_undoes_the_restore_of_the_fields_too(qtbot, library, filled, make_desk):
    desk = make_desk()
    _everything_changed(qtbot, desk, filled)
    desk.history.restore_button.click()
    desk.editor.setFocus()
    QTest.keyClick(desk.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = _reopened(library.path, filled["story"])
    assert (stored.headline, stored.tags, stored.author_ids) == ("A different headline", ("floods", "later"), (filled["authors"][1],))
    assert stored.feature_photo_id == filled["photo"] and stored.seo_title == "SEO title"


def test_redo_after_undo_brings_the_restored_fields_back(qtbot, library, filled, make_desk):
    desk = make_desk()
    _everything_changed(qtbot, desk, filled)
    desk.history.restore_button.click()
    restored = _reopened(library.path, filled["story"])
    desk.editor.undo()
    desk.editor.redo()
    assert desk.current_state() == restored
    assert _reopened(library.path, filled["story"]) == restored


def test_the_diff_follows_the_undo_and_typing(qtbot, filled, make_desk):
    desk = make_desk()
    _everything_changed(qtbot, desk, filled)
    desk.history.restore_button.click()
    desk.history.list.setCurrentRow(desk.history.list.count() - 1)
    desk.editor.undo()
    qtbot.waitUntil(lambda: "+A rewritten story." in desk.history.diff.toPlainText(), timeout=2000)
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, " Later words.")
    qtbot.waitUntil(lambda: "+A rewritten story. Later words." in desk.history.diff.toPlainText(), timeout=2000)


def test_an_article_as_opened_has_nothing_unsaved(qtbot, library, filled, make_desk):
    with library.transaction() as session:
        session.get(Article, filled["story"]).published_at = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
    desk = make_desk()
    desk.open_article(filled["story"])
    assert not desk.edit.is_dirty(desk.current_state())


def test_edit_menu_undo_in_the_window_then_quit_keeps_every_field(qtbot, library, filled):
    from workstation.ui.app import open_window

    window = open_window(library.path, open_slug=filled["story_slug"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    qtbot.waitUntil(lambda: window.desk.spelling_ready, timeout=10_000)
    _everything_changed(qtbot, window.desk, filled)
    before = _reopened(library.path, filled["story"])
    window.desk.history.restore_button.click()
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    next(a for a in edit_menu.actions() if a.text() == "&Undo").trigger()
    window.close()
    qtbot.waitUntil(lambda: window.lock is None, timeout=5000)
    assert _reopened(library.path, filled["story"]) == before
