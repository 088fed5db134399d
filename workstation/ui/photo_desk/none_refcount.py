"""A guard against PySide6 6.12 running the reference counts of None, True and False down to zero.

PySide6 6.12's bindings hand back ``None`` from every C++ method that
returns ``void`` (``painter.setPen``, ``widget.setEnabled``...) without
taking a reference, and do the same to ``True``/``False`` on some paths.
From Python 3.12 on these objects are immortal and that is harmless; on
3.11 one repaint of the grid makes hundreds of such calls and after a few
thousand Python aborts with "none_dealloc: deallocating None". Lifting the
counts far out of reach makes them immortal in effect, as 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

# Far more calls than a process could make, and far below overflow.
_HEADROOM = 1 << 40


def keep_singletons_alive() -> None:
    """Make None, True and False effectively immortal on CPython before 3.12 (idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _HEADROOM // 2:
            count.value += _HEADROOM
