"""Running work off the UI thread and bringing the answer back to it.

The answer travels through one long-lived dispatcher object that lives on
the UI thread, never through an object owned by the job: a job object
deleted while its worker thread is still returning from ``run`` is a
crash waiting to happen.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Dispatcher(QObject):
    finished = Signal(int, object, object)

    def __init__(self) -> None:
        super().__init__()
        self._tokens = itertools.count(1)
        self._waiting: dict[int, tuple[Done, Failed | None]] = {}
        self.finished.connect(self._deliver)

    def submit(self, work: Callable[[], Any], on_done: Done, on_error: Failed | None) -> int:
        token = next(self._tokens)
        self._waiting[token] = (on_done, on_error)

        def run() -> None:
            try:
                result, error = work(), None
            except BaseException as exc:  # reported to the UI thread, never lost in the pool
                result, error = None, exc
            try:
                self.finished.emit(token, result, error)
            except RuntimeError:
                pass  # the application is shutting down and nobody is left to tell

        QThreadPool.globalInstance().start(run)
        return token

    def _deliver(self, token: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._waiting.pop(token)
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)


_dispatcher: _Dispatcher | None = None


def run_in_pool(work: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> int:
    """Call ``work()`` in the thread pool; ``on_done``/``on_error`` then run on the UI thread."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher.submit(work, on_done, on_error)
