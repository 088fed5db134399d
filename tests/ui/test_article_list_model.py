"""The navigator's article list reads a page at a time and keeps the reader's place."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import insert

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.ui.article_list_model import PAGE
from workstation.ui.navigator import Navigator

ARTICLES = PAGE * 2 + 30
WAIT_MS = 10_000


@pytest.fixture
def archive(library: Library) -> Library:
    """More articles than two pages: every third about the river, one in five published, article 1 changed last."""
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with library.engine.begin() as connection:
        connection.execute(insert(Article), [
            {
                "id": n, "slug": f"story-{n}", "headline": f"Story {n} " + ("river" if n % 3 == 0 else "market"),
                "body": "Words.", "status": "published" if n % 5 == 0 else "draft",
                "created_at": start, "updated_at": start + timedelta(minutes=ARTICLES - n),
            }
            for n in range(1, ARTICLES + 1)
        ])
    return library


@pytest.fixture
def navigator(qtbot: Any, archive: Library) -> Navigator:
    widget = Navigator(archive)
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    widget.show()
    with qtbot.waitSignal(widget.refreshed, timeout=WAIT_MS):
        widget.refresh()
    return widget


def _ids(navigator: Navigator) -> list[int]:
    return [navigator.model.article_id(row) for row in range(navigator.model.rowCount())]


def _scroll_to_end(qtbot: Any, navigator: Navigator, rows: int) -> None:
    navigator.list.scrollToBottom()
    qtbot.waitUntil(lambda: navigator.model.rowCount() >= rows, timeout=WAIT_MS)


def test_the_list_reads_one_page_and_counts_every_match(navigator: Navigator) -> None:
    assert _ids(navigator) == list(range(1, PAGE + 1))
    assert navigator.count.text() == f"{ARTICLES} articles"


def test_scrolling_to_the_end_pages_in_the_next_rows_in_order(qtbot: Any, navigator: Navigator) -> None:
    _scroll_to_end(qtbot, navigator, PAGE * 2)
    _scroll_to_end(qtbot, navigator, ARTICLES)
    assert _ids(navigator) == list(range(1, ARTICLES + 1))
    assert not navigator.model.canFetchMore(QModelIndex())


def test_a_new_filter_lists_from_the_start_of_its_own_matches(qtbot: Any, navigator: Navigator) -> None:
    _scroll_to_end(qtbot, navigator, PAGE * 2)
    with qtbot.waitSignal(navigator.refreshed, timeout=WAIT_MS):
        navigator.search.setText("river")
    assert _ids(navigator) == list(range(3, ARTICLES + 1, 3))[:PAGE]
    assert navigator.list.verticalScrollBar().value() == 0
    assert navigator.count.text() == f"{ARTICLES // 3} articles"


def test_paging_goes_on_within_the_filter(qtbot: Any, navigator: Navigator) -> None:
    with qtbot.waitSignal(navigator.refreshed, timeout=WAIT_MS):
        navigator.status.setCurrentIndex(navigator.status.findData("draft"))
    _scroll_to_end(qtbot, navigator, PAGE + 1)
    qtbot.waitUntil(lambda: not navigator.model.canFetchMore(QModelIndex()), timeout=WAIT_MS)
    assert _ids(navigator) == [n for n in range(1, ARTICLES + 1) if n % 5]


def test_the_selection_and_the_place_survive_a_refresh(qtbot: Any, navigator: Navigator) -> None:
    _scroll_to_end(qtbot, navigator, PAGE * 2)
    chosen = PAGE + 10
    navigator.select(chosen)
    navigator.list.scrollTo(navigator.model.index(PAGE + 10))
    place = navigator.list.verticalScrollBar().value()
    assert place > 0
    with qtbot.waitSignal(navigator.refreshed, timeout=WAIT_MS):
        navigator.refresh(keep_place=True)
    assert navigator.current_id() == chosen
    assert navigator.model.rowCount() >= PAGE * 2
    assert navigator.list.verticalScrollBar().value() == place


def test_the_keyboard_moves_through_the_list_and_opens_each_article(qtbot: Any, navigator: Navigator) -> None:
    navigator.select(1)
    navigator.list.setFocus()
    with qtbot.waitSignal(navigator.article_chosen, timeout=WAIT_MS) as chosen:
        qtbot.keyClick(navigator.list, Qt.Key.Key_Down)
    assert chosen.args == [2] and navigator.current_id() == 2


def test_choosing_a_row_does_not_re_emit_while_the_list_selects_for_itself(qtbot: Any, navigator: Navigator) -> None:
    emitted: list[int] = []
    navigator.article_chosen.connect(emitted.append)
    navigator.select(5)
    with qtbot.waitSignal(navigator.refreshed, timeout=WAIT_MS):
        navigator.refresh()
    assert navigator.current_id() == 5 and emitted == []


def test_a_saved_headline_and_a_colleague_editing_show_in_the_row(navigator: Navigator) -> None:
    navigator.update_item(2, "Flood gates open", "ready", (512, 800))
    navigator.set_holder(2, "Taras Bondar")
    assert navigator.model.text(2) == "●  Flood gates open   512/800\n      ✎ Taras Bondar is editing"
    assert not navigator.list.uniformItemSizes()
    navigator.set_holder(2, None)
    assert navigator.model.text(2) == "●  Flood gates open   512/800"
    assert navigator.list.uniformItemSizes()
