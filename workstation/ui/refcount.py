"""A guard for PySide6 wheels built for Python 3.12+ running on Python 3.11.

Those wheels return ``None`` from every void method (``setText``,
``QTimer.start``, ``processEvents``...), and ``True``/``False`` from some
predicates, without taking a reference, because from 3.12 on these objects
are immortal. On 3.11 each such call takes one reference away, and after a
few thousand calls the interpreter aborts with "deallocating None". Giving
them a reference count no session can exhaust is what 3.12 does for them.
"""

from __future__ import annotations

import ctypes
import sys

# Far more references than any session could ever drop (2**60).
ENOUGH = 1 << 60


def make_none_immortal() -> None:
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < ENOUGH // 2:
            # ob_refcnt is the first field of every object in CPython 3.11.
            ctypes.c_ssize_t.from_address(id(singleton)).value += ENOUGH
