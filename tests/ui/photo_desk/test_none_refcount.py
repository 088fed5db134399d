"""The desk survives PySide6 6.12 dropping references to None on every void call."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

import workstation.ui.photo_desk  # noqa: F401 - importing the desk installs the guard


def test_many_void_qt_calls_do_not_run_none_out_of_references(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(20_000):
        widget.setEnabled(True)
    assert sys.getrefcount(None) > 1_000_000
