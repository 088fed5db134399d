"""Work put off until the frame being built has been painted.

A zero-delay single shot is delivered in the same pass of the event loop
as the paint of the widgets just shown, and a short timer may fire before
that paint on a busy machine: neither waits for the frame. ``after_paint``
watches the widget's own paint event and runs the work in the pass after
it. A widget that is not painted soon (hidden behind another desk) gets
the work after ``UNPAINTED_MS`` all the same, and so does anything that is
not a widget (a model has no frame to wait for).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

UNPAINTED_MS = 100
NOT_A_WIDGET_MS = 1


class _AfterPaint(QObject):
    """Runs ``slot`` once, in the pass after ``widget``'s next paint (or after ``UNPAINTED_MS``); a child of
    ``widget``, so nothing runs once the widget is gone."""

    def __init__(self, widget: QWidget, slot: Callable[[], object]) -> None:
        super().__init__(widget)
        self._slot: Callable[[], object] | None = slot
        widget.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._slot is not None:
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        slot, self._slot = self._slot, None
        if slot is None:
            return
        widget = self.parent()
        if widget is not None:
            widget.removeEventFilter(self)
        self.deleteLater()
        slot()


def after_paint(context: QObject, slot: Callable[[], object]) -> None:
    """Call ``slot`` once the frame in progress is on screen (skipped if ``context`` is gone by then)."""
    if isinstance(context, QWidget):
        _AfterPaint(context, slot)
    else:
        QTimer.singleShot(NOT_A_WIDGET_MS, context, slot)
