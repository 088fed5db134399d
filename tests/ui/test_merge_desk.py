"""The article desk when someone else saved the same article: merged text in place, or the side-by-side choice."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import fresh_article
from workstation.editing import articles
from workstation.editing.articles import ConflictView
from workstation.library.database import open_library
from workstation.ui.merge_dialog import MergeDialog


def _their_save(library, article_id, **changes) -> None:
    with open_library(library.path, user="Olena Marchenko") as theirs:
        opened = articles.open_article(theirs, article_id)
        articles.save_article(theirs, article_id, replace(opened.state, **changes))


def test_a_merged_save_shows_their_paragraph_keeps_the_caret_and_says_whose(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    messages: list[str] = []
    desk.status_message.connect(messages.append)
    _their_save(library, filled["story"], body=(
        "Their new opening.\n\nThe first paragraph is here.\n\nThe second paragraph follows it.\n\nA third one closes."))
    cursor = desk.editor.textCursor()
    cursor.setPosition(len("The first paragraph is here.\n\nThe second"))
    desk.editor.setTextCursor(cursor)
    cursor.insertText(" (mine)")
    assert desk.save_now()
    assert desk.editor.toPlainText().startswith("Their new opening.\n\nThe first paragraph")
    assert desk.editor.textCursor().position() == len("Their new opening.\n\nThe first paragraph is here.\n\nThe second (mine)")
    assert any(m.startswith("Merged Olena Marchenko's changes from ") for m in messages)
    assert "The second (mine) paragraph" in fresh_article(library.path, filled["story"])["body"]
    assert not desk.edit.is_dirty(desk.current_state())


def test_a_conflict_asks_and_saves_the_choice(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    _their_save(library, filled["story"], headline="Their headline")
    desk.panel.headline.setPlainText("My headline")

    shown: list[MergeDialog] = []

    def choose_theirs() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MergeDialog):
            QTimer.singleShot(20, choose_theirs)
            return
        shown.append(dialog)
        dialog.choose_all("theirs")
        dialog.accept()

    QTimer.singleShot(0, choose_theirs)
    assert desk.save_now()
    assert shown
    assert fresh_article(library.path, filled["story"])["headline"] == "Their headline"
    assert desk.panel.headline.toPlainText() == "Their headline"
    kept = {r.reason for r in articles.revision_summaries(library, filled["story"])}
    assert "conflict" in kept


def test_the_merge_dialog_offers_both_only_for_paragraphs_and_returns_one_choice_each(qtbot):
    views = [ConflictView("Headline", "Old", "Mine", "Theirs", False),
             ConflictView("Text", "Base para", "My para", "Their para", True)]
    dialog = MergeDialog("Olena Marchenko saved this article at 14:02 while you were editing it.",
                         "Olena Marchenko", views)
    qtbot.addWidget(dialog)
    assert dialog.choices() == ["mine", "both"]
    dialog.choose_all("theirs")
    assert dialog.choices() == ["theirs", "theirs"]
