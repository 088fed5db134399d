"""Work put off with ``after_paint`` runs once the frame just shown has been painted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from workstation.ui.after_paint import after_paint


class _Recording(QWidget):
    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.order.append("paint")


def test_work_after_paint_follows_the_first_frame_which_a_zero_delay_shot_does_not(qtbot: Any) -> None:
    order: list[str] = []
    widget = _Recording(order)
    qtbot.addWidget(widget)
    widget.show()
    after_paint(widget, lambda: order.append("after paint"))
    QTimer.singleShot(0, widget, lambda: order.append("zero delay"))
    qtbot.waitUntil(lambda: "after paint" in order)
    assert order.index("zero delay") < order.index("paint") < order.index("after paint")
