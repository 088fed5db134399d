"""Start-up builds the window's shell first; the article desk and its menus follow once the shell has painted."""

from __future__ import annotations

from typing import Any


def _window(qtbot: Any, library: Any, **kwargs: Any) -> Any:
    from workstation.ui.app import open_window

    window = open_window(library.path, **kwargs)
    qtbot.addWidget(window)
    return window


def _menu(window: Any, title: str) -> list[str]:
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == title)
    return [action.text() for action in menu.actions() if action.text()]


def test_the_shell_has_the_article_list_and_all_menus_before_the_desk_exists(qtbot: Any, library: Any, filled: dict) -> None:
    from workstation.ui.article_desk import ArticleDesk

    window = _window(qtbot, library)
    assert window.findChild(ArticleDesk) is None
    assert window.navigator.isVisibleTo(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Insert", "&Article", "&View", "&Help"]
    # Undo is the window's (the photo desk's batch edits too), so it is there from the start.
    assert _menu(window, "&Edit") == ["&Undo"]
    qtbot.waitUntil(lambda: window.findChild(ArticleDesk) is not None)
    window.close()


def test_after_the_first_frame_the_desk_its_menus_and_the_article_list_arrive(qtbot: Any, library: Any, filled: dict) -> None:
    window = _window(qtbot, library)
    qtbot.waitUntil(lambda: window.desk.article_id is not None)
    assert window.stack.currentWidget() is window.desk
    assert "&Undo" in _menu(window, "&Edit") and "&Preferences…" in _menu(window, "&Edit")
    assert _menu(window, "&Insert") and _menu(window, "&Article") and "&History" in _menu(window, "&View")
    qtbot.waitUntil(lambda: window.navigator.model.rowCount() > 0)
    assert window.navigator.section.count() > 1
    window.close()


def test_a_desk_chosen_before_the_article_desk_is_built_stays_on_screen(qtbot: Any, library: Any, filled: dict) -> None:
    window = _window(qtbot, library)
    window.show_desk("budget")
    budget = window.desks["budget"]
    window.finish_building()
    assert window.stack.currentWidget() is budget
    assert not window.desk.actions_by_name["find"].isVisible()
    window.show_desk("articles")
    assert window.stack.currentWidget() is window.desk
    assert window.desk.actions_by_name["find"].isVisible()
    window.close()


def test_a_window_closed_before_its_desk_is_built_closes_cleanly_and_frees_the_library(
    qtbot: Any, library: Any, filled: dict
) -> None:
    from workstation.library.lock import LibraryLock
    from workstation.ui.article_desk import ArticleDesk

    window = _window(qtbot, library)
    window.close()
    window.release()
    qtbot.wait(100)
    assert window.findChild(ArticleDesk) is None
    lock = LibraryLock(library.path)
    assert lock.acquire()
    lock.release()
