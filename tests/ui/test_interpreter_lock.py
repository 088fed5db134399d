"""The UI thread shares the interpreter with the job runner's workers, and is never kept long waiting for it."""

from __future__ import annotations

import sys

from workstation.ui.app import GIL_SWITCH_S, prepare_qt


def test_preparing_qt_makes_a_busy_worker_hand_the_lock_to_the_ui_thread_within_a_millisecond():
    prepare_qt()
    assert sys.getswitchinterval() == GIL_SWITCH_S <= 0.001
