"""Work put off until the frame being built has usually been painted.

A zero-delay single shot is delivered as a posted event, in the same pass
of the event loop as the paint of the widgets just shown: the frame waits
for it. A timer of a millisecond fires in a later pass, which on an idle
machine comes after that paint; on a loaded one the timer may be due
first. Waiting for the widget's own paint event instead was tried and
measured worse at a decade's scale (the work then joined the pass that
finishes the frame, or fell inside the first scroll), so the timer stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

AFTER_PAINT_MS = 1


def after_paint(context: QObject, slot: Callable[[], object]) -> None:
    """Call ``slot`` once the frame in progress is on screen (skipped if ``context`` is gone by then)."""
    QTimer.singleShot(AFTER_PAINT_MS, context, slot)
