"""Suggestion mode and comments on the article desk, with real widgets and a real library."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import fresh_article, run_js, type_text, wait_for_preview
from workstation.library.database import Library
from workstation.ui.preference_keys import USER_NAME_KEY

FIRST = "The first paragraph is here."


def _open(make_desk: Any, filled: dict[str, Any]) -> Any:
    desk = make_desk()
    desk.open_article(filled["story"])
    return desk


def _caret(desk: Any, position: int, anchor: int | None = None) -> None:
    cursor = desk.editor.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    desk.editor.setTextCursor(cursor)


def _press(qtbot: Any, desk: Any, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(desk.editor, key)


def _body(desk: Any) -> str:
    return desk.editor.toPlainText()


def test_typing_in_suggestion_mode_records_an_addition_not_a_change(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.actions_by_name["suggest"].trigger()
    _caret(desk, len("The first"))
    type_text(desk.editor, " long")
    assert _body(desk).startswith("The first{++ long++} paragraph is here.")


def test_deleting_in_suggestion_mode_records_a_deletion(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.set_suggesting(True)
    _caret(desk, len(FIRST) - 1)
    _press(qtbot, desk, Qt.Key.Key_Backspace, 5)
    assert _body(desk).startswith("The first paragraph is{-- here--}.")
    _caret(desk, 0)
    _press(qtbot, desk, Qt.Key.Key_Delete, 4)
    assert _body(desk).startswith("{--The --}first")


def test_suggestions_are_saved_to_the_file_as_criticmarkup(qtbot: Any, make_desk: Any, filled: dict, library: Library) -> None:
    desk = _open(make_desk, filled)
    desk.set_suggesting(True)
    _caret(desk, 0, len("The"))
    type_text(desk.editor, "A")
    assert desk.save_now()
    assert fresh_article(library.path, filled["story"])["body"].startswith("{~~The~>A~~} first paragraph")


def test_rewriting_commands_wait_while_suggesting(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.set_suggesting(True)
    assert not desk.actions_by_name["bold"].isEnabled()
    desk.set_suggesting(False)
    assert desk.actions_by_name["bold"].isEnabled()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Crews worked {~~all~>through the~~} night.", Qt.Key.Key_Y),  # accept: the suggested words
        ("Crews worked through {++all ++}the night.", Qt.Key.Key_N),  # reject: the original words
    ],
)
def test_accept_and_reject_by_shortcut(qtbot: Any, make_desk: Any, filled: dict, text: str, key: Qt.Key) -> None:
    desk = _open(make_desk, filled)
    desk.editor.replace_all_text(text)
    _caret(desk, text.index("{") + 4)
    qtbot.keyClick(desk.editor, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert _body(desk) == "Crews worked through the night."


def test_the_context_menu_accepts_or_rejects_the_suggestion_clicked(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.editor.replace_all_text("One {--two--} three {++four++}.")
    cursor = QTextCursor(desk.editor.document())
    cursor.setPosition(len("One {--t"))
    menu = QMenu()
    accept, reject = desk.editor.note_actions(cursor, menu)
    assert (accept.text(), reject.text()) == ("Accept suggestion", "Reject suggestion")
    reject.trigger()
    assert _body(desk) == "One two three {++four++}."
    cursor.setPosition(len("One two three {++f"))
    desk.editor.note_actions(cursor, menu)[0].trigger()
    assert _body(desk) == "One two three four."


def test_accept_all_and_reject_all(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    marked = "A {++b ++}c {--d--} {~~e~>f~~}."
    desk.editor.replace_all_text(marked)
    desk.actions_by_name["accept_all"].trigger()
    assert _body(desk) == "A b c  f."
    desk.editor.replace_all_text(marked)
    desk.actions_by_name["reject_all"].trigger()
    assert _body(desk) == "A c d e."


def test_undo_takes_back_one_suggestion_keystroke(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.set_suggesting(True)
    _caret(desk, len("The first"))
    type_text(desk.editor, "!")
    desk.editor.undo()
    assert _body(desk).startswith(FIRST)


def test_marks_are_coloured_in_the_editor(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.editor.replace_all_text("A {++b++} c {--d--} e {~~f~>g~~}")
    qtbot.waitUntil(lambda: bool(desk.editor.extraSelections()), timeout=5_000)
    looks = {
        s.cursor.selectedText(): (s.format.fontUnderline(), s.format.fontStrikeOut())
        for s in desk.editor.extraSelections()
    }
    assert looks["b"] == looks["g"] == (True, False)
    assert looks["d"] == looks["f"] == (False, True)
    assert looks["{++"] == (False, False)


def test_a_comment_is_signed_with_your_name_and_shown_in_the_margin(
    qtbot: Any, make_desk: Any, filled: dict, library: Library
) -> None:
    library.user = "Olena Marchenko"
    desk = _open(make_desk, filled)
    _caret(desk, len("The first"), len("The "))
    desk.add_comment("Which one?")
    stamp = datetime.now().strftime("%Y-%m-%d")
    assert _body(desk).startswith(f"The {{==first==}}{{>>Olena Marchenko · {stamp}")
    qtbot.waitUntil(lambda: len(desk.comment_margin.cards) == 1, timeout=5_000)
    card = desk.comment_margin.cards[0]
    assert desk.comment_margin.isVisible()
    assert card.note.text() == "Which one?"
    assert card.mark.author == "Olena Marchenko"


def test_resolving_a_comment_removes_its_markup(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    desk.editor.replace_all_text("Crews {==worked==}{>>Taras Bondar · 2026-12-06 09:30: how long?<<} all night.")
    qtbot.waitUntil(lambda: len(desk.comment_margin.cards) == 1, timeout=5_000)
    desk.comment_margin.cards[0].resolve_button.click()
    assert _body(desk) == "Crews worked all night."
    qtbot.waitUntil(lambda: not desk.comment_margin.isVisible(), timeout=5_000)


def test_the_preview_shows_suggestions_as_marks(qtbot: Any, make_desk: Any, filled: dict) -> None:
    desk = _open(make_desk, filled)
    wait_for_preview(qtbot, desk)
    desk.set_suggesting(True)
    _caret(desk, len("The first"))
    type_text(desk.editor, " long")
    qtbot.waitUntil(
        lambda: run_js(qtbot, desk, "document.querySelector('#ws-body .critic-add')?.textContent || ''") == " long",
        timeout=10_000,
    )


def test_your_name_in_preferences_signs_comments(qtbot: Any, make_desk: Any, filled: dict, library: Library) -> None:
    from workstation.editing.settings import site_settings
    from workstation.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(library, site_settings(library))
    qtbot.addWidget(dialog)
    dialog.user_name.setText("  Taras   Bondar ")
    dialog.accept()
    desk = _open(make_desk, filled)
    _caret(desk, len("The first"), len("The "))
    desk.add_comment("Source?")
    assert "{>>Taras Bondar · " in _body(desk)


def test_without_a_name_comments_are_signed_with_the_accounts_name(qtbot: Any, make_desk: Any, filled: dict) -> None:
    from workstation.editing.settings import default_user_name

    QSettings().setValue(USER_NAME_KEY, "")
    desk = _open(make_desk, filled)
    assert desk.comment_author() == default_user_name() != ""


def test_pasting_in_suggestion_mode_suggests_the_pasted_text(qtbot: Any, make_desk: Any, filled: dict) -> None:
    from PySide6.QtWidgets import QApplication

    desk = _open(make_desk, filled)
    desk.set_suggesting(True)
    QApplication.clipboard().setText("very ")
    _caret(desk, len("The "))
    qtbot.keyClick(desk.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _body(desk).startswith("The {++very ++}first paragraph")


def test_a_library_file_is_opened_as_the_name_in_preferences(qtbot: Any, library: Library) -> None:
    from workstation.ui.app import open_locked

    QSettings().setValue(USER_NAME_KEY, "  Olena   Marchenko ")
    opened, lock, _holder = open_locked(library.path)
    try:
        assert opened.user == "Olena Marchenko"
    finally:
        opened.close()
        if lock is not None:
            lock.release()
