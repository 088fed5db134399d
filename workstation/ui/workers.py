"""Running work off the UI thread and bringing the answer back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Calls ``work()`` in the thread pool; ``on_done``/``on_error`` run on the UI thread."""

    def __init__(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__()
        self._work = work
        self.relay = _Relay()
        self.relay.done.connect(on_done)
        if on_error is not None:
            self.relay.failed.connect(on_error)

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # reported to the UI thread, never lost in the pool
            self._report(self.relay.failed, exc)
            return
        self._report(self.relay.done, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the application is shutting down and nobody is left to tell


def run_in_pool(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Job:
    job = Job(work, on_done, on_error)
    job.setAutoDelete(False)
    _keep.add(job)
    job.relay.done.connect(lambda _r: _keep.discard(job))
    job.relay.failed.connect(lambda _e: _keep.discard(job))
    QThreadPool.globalInstance().start(job)
    return job


_keep: set[Job] = set()
