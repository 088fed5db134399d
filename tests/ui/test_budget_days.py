"""The Budget desk moves between days and says why a day is empty."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.editing.budget import Column
from workstation.library.articles import new_article
from workstation.library.database import Library
from workstation.ui.budget_desk import BudgetDesk


def _desk(qtbot: Any, library: Library) -> BudgetDesk:
    desk = BudgetDesk(library)
    qtbot.addWidget(desk)
    desk.show()
    return desk


def _story_in_ten_days(library: Library) -> int:
    with library.transaction() as session:
        article = new_article(session, "Election night")
        article.status = "ready"
        article.published_at = datetime.now().astimezone() + timedelta(days=10)
        session.flush()
        return article.id


def test_an_empty_budget_says_which_stories_it_shows(qtbot: Any, library: Library) -> None:
    desk = _desk(qtbot, library)
    assert "No stories for these two days" in desk.empty.text()


def test_the_arrows_reach_a_story_planned_for_another_day(qtbot: Any, library: Library) -> None:
    story = _story_in_ten_days(library)
    desk = _desk(qtbot, library)
    assert story not in desk.columns[Column.READY].card_ids()
    for _ in range(9):
        desk.later.click()
    assert desk.columns[Column.READY].card_ids() == [story]
    assert desk.empty.text() == ""


def test_today_comes_back_to_the_calendar_day(qtbot: Any, library: Library) -> None:
    desk = _desk(qtbot, library)
    assert not desk.today.isEnabled()
    desk.earlier.click()
    assert desk.budget.day == datetime.now().astimezone().date() - timedelta(days=1)
    assert desk.today.isEnabled()
    desk.today.click()
    assert desk.budget.day == datetime.now().astimezone().date()
    assert not desk.today.isEnabled()
