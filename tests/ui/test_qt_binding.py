"""The Qt binding we install must not leak references to None.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every void
call, and the app aborts after a few thousand ("deallocating None");
pyproject.toml keeps 6.12 away from Python 3.11. This guards that pin.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_qt_calls_leave_the_reference_count_of_none_alone(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.setEnabled(True)
    assert sys.getrefcount(None) >= before - 100
