"""The Budget desk in the main window: a desk beside the others, opening stories on the article desk."""

from __future__ import annotations

from typing import Any


def test_the_budget_desk_opens_from_the_navigator_and_a_card_opens_its_story(qtbot: Any, library: Any, filled: dict) -> None:
    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    window.navigator.desk_buttons["budget"].click()
    budget = window.desks["budget"]
    assert window.stack.currentWidget() is budget
    column = next(c for c in budget.columns.values() if filled["story"] in c.card_ids())
    item = column.item(column.card_ids().index(filled["story"]))
    column.itemDoubleClicked.emit(item)
    assert window.stack.currentWidget() is window.desk
    assert window.desk.article_id == filled["story"]
    window.close()
