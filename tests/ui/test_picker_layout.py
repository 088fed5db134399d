"""A picker's answer of hundreds of results is laid out by measuring one row, not every row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.ui.pickers import PICKER_LIMIT, ArticlePicker

WAIT_MS = 10_000


def test_an_answer_of_hundreds_of_articles_asks_the_labels_of_a_screenful_only(qtbot: Any, library: Library) -> None:
    with library.transaction() as session:
        session.add_all(Article(slug=f"story-{number}", headline=f"Story {number}") for number in range(PICKER_LIMIT))
    picker = ArticlePicker(library)
    qtbot.addWidget(picker)
    asked: set[int] = set()
    row_data = picker.model.row_data

    def counting(number: int, choice: Any, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            asked.add(number)
        return row_data(number, choice, role)

    picker.model.row_data = counting  # type: ignore[method-assign]
    with qtbot.waitSignal(picker.refilled, timeout=WAIT_MS):
        picker.show()
    qtbot.waitExposed(picker)
    qtbot.wait(50)
    assert picker.model.rowCount() == PICKER_LIMIT
    assert 0 < len(asked) < 60
