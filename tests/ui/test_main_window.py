"""The main window remembers: the last article, recent libraries; and Save a copy writes a real library."""

from __future__ import annotations

from tests.ui.conftest import fresh_article, type_text


def _window(qtbot, path, **kwargs):
    from workstation.ui.app import open_window

    window = open_window(path, **kwargs)
    qtbot.addWidget(window)
    return window


def test_the_last_open_article_is_open_again_next_time(qtbot, library, filled):
    window = _window(qtbot, library.path, open_slug=filled["other_slug"])
    qtbot.waitUntil(lambda: window.desk.article_id is not None)
    opened = window.desk.article_id
    window.close()
    again = _window(qtbot, library.path)
    qtbot.waitUntil(lambda: again.desk.article_id == opened)
    again.close()


def test_a_library_seen_for_the_first_time_opens_its_most_recently_changed_article(qtbot, library, filled):
    from workstation.library.articles import list_articles

    with library.session() as session:
        newest = list_articles(session, limit=1)[0].id
    window = _window(qtbot, library.path)
    qtbot.waitUntil(lambda: window.desk.article_id == newest)
    window.close()


def test_an_opened_library_is_listed_among_the_recent_ones(qtbot, library, filled, tmp_path):
    from workstation.library.database import open_library
    from workstation.ui.main_window import recent_libraries

    other = tmp_path / "other.wslib"
    open_library(other, create=True).close()
    _window(qtbot, other).close()
    window = _window(qtbot, library.path)
    assert other.resolve() in recent_libraries(window.settings)
    window._fill_recent()
    listed = [action.text() for action in window.recent_menu.actions()]
    assert str(other.resolve()) in listed
    assert str(library.path.resolve()) not in listed
    window.close()


def test_save_a_copy_writes_a_library_with_the_text_just_typed(qtbot, library, filled, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "copy.wslib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window = _window(qtbot, library.path, open_slug=filled["story_slug"])
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    window.desk.editor.moveCursor(window.desk.editor.textCursor().MoveOperation.End)
    type_text(window.desk.editor, " Typed just now.")
    window.save_copy()
    assert fresh_article(target, filled["story"])["body"].endswith("Typed just now.")
    window.close()


def test_save_a_copy_over_the_open_library_is_refused(qtbot, library, filled, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(library.path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    window = _window(qtbot, library.path)
    window.save_copy()
    assert warnings == ["Choose a different file from the open library."]
    window.close()
