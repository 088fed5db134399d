"""How helper processes are started, and how they end when the app does.

Helpers are spawned (a fresh interpreter, started by fork+exec), never
forked from the app: the app runs Qt threads, and forking a threaded
process is unsafe. Spawning also needs no fork server, whose socket folder
(``/tmp/pymp-*``) would outlive an app killed with ``kill -9``. A spawned
helper imports the starting program's main script again, so a script that
starts helpers keeps its work under ``if __name__ == "__main__"``; the
``workstation`` entry points (``-m workstation``, the console script, the
frozen bundle through ``freeze_support``) do.

A helper watches its parent: when the app dies, however it dies, the
helper is re-parented and ends itself within a fraction of a second. A
polling thread is used rather than ``PR_SET_PDEATHSIG``, which fires when
the *thread* that started the child ends, and the app starts helpers from
short-lived worker threads.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from multiprocessing.context import BaseContext

# Helpers run at the lowest priority: on a two-core laptop their decoder
# threads would otherwise take time slices from the UI thread mid-repaint
# (measured: 50-70 ms stalls at niceness 10, 14 ms at 19). When the UI is
# idle they still get every spare cycle.
NICENESS = 19
# How often a helper looks whether the app is still there.
PARENT_POLL_S = 0.2


def helper_context() -> BaseContext:
    """The start method of every helper process."""
    return multiprocessing.get_context("spawn")


def watch_parent(interval: float = PARENT_POLL_S) -> None:
    """End this process as soon as its parent has gone (it is then re-parented)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def start_helper() -> None:
    """What every helper does first: give way to the UI, and die with the app."""
    os.nice(NICENESS)
    watch_parent()
