"""Beside the photo and author desks the menus offer nothing that writes into the article hidden behind them."""

from __future__ import annotations

from tests.ui.test_one_writer_window import _window


def _offered(window, title: str) -> list[str]:
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == title)
    return [action.text() for action in menu.actions() if action.isVisible() and not action.isSeparator()]


def test_the_edit_menu_beside_the_photo_desk_holds_only_undo_and_preferences(qtbot, library, filled):
    window = _window(qtbot, library.path, open_slug=filled["story_slug"])
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    window.show_desk("photos")
    assert _offered(window, "&Edit") == ["&Undo", "&Preferences…"]
    insert = next(action for action in window.menuBar().actions() if action.text() == "&Insert")
    assert not insert.isVisible()
    window.show_desk("articles")
    assert "Bold" in _offered(window, "&Edit")
    assert insert.isVisible()
    window.close()
