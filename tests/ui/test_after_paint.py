"""Work put off with ``after_paint`` runs on a later turn of the event loop, and only while its widget lives."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from workstation.ui.after_paint import after_paint


class _Recording(QWidget):
    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.order.append("paint")


def test_work_after_paint_runs_once_on_a_later_turn(qtbot: Any) -> None:
    order: list[str] = []
    widget = _Recording(order)
    qtbot.addWidget(widget)
    widget.show()
    after_paint(widget, lambda: order.append("after paint"))
    assert "after paint" not in order
    qtbot.waitUntil(lambda: "after paint" in order)
    assert order.count("after paint") == 1


def test_a_widget_that_is_not_painted_still_gets_the_work(qtbot: Any) -> None:
    order: list[str] = []
    widget = _Recording(order)
    qtbot.addWidget(widget)
    after_paint(widget, lambda: order.append("after paint"))
    qtbot.waitUntil(lambda: "after paint" in order)
    assert order == ["after paint"]


def test_the_work_is_dropped_when_the_widget_is_gone_first(qtbot: Any) -> None:
    order: list[str] = []
    widget = _Recording(order)
    after_paint(widget, lambda: order.append("after paint"))
    widget.deleteLater()
    qtbot.wait(100)
    assert order == []


def test_a_model_gets_the_work_on_a_later_turn(qtbot: Any) -> None:
    order: list[str] = []
    model = QStringListModel()
    after_paint(model, lambda: order.append("later"))
    assert order == []
    qtbot.waitUntil(lambda: order == ["later"])
