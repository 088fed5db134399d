"""The one way the GUI runs work off the UI thread.

A job is a plain function run on the runner's thread pool. It may report
progress and look whether it was cancelled; its result, its progress and
any error it raised are delivered to callbacks on the UI thread. They
travel through one long-lived relay object that lives on the UI thread,
never through an object owned by the job: a job object deleted while its
thread is still returning is a crash waiting to happen. A callback whose
``owner`` widget has been deleted meanwhile is skipped.

Every job is registered until its result has been delivered, and quitting
cancels them all and waits for them (``JobRunner.finish``), so no thread
still writes to the library while the window closes it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# Enough for an import, an export and the desks' page, preview and crop reads at once.
MAX_THREADS = 4

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[Any], None]


class Job:
    """One piece of background work: what the work function gets, and what its starter keeps."""

    def __init__(self, name: str, owner: QObject | None) -> None:
        self.name = name
        self.owner = owner
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self._relay: _Relay | None = None

    def cancel(self) -> None:
        """Ask the work to stop at its next check; its result (if any) is still delivered."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, payload: Any) -> None:
        """Send ``payload`` to the job's progress callback on the UI thread (called from the work)."""
        if self._relay is not None:
            try:
                self._relay.progressed.emit(self, payload)
            except RuntimeError:
                pass  # the application is shutting down and nobody is left to tell

    @property
    def ended(self) -> bool:
        """Whether the work function has returned (its result may not be delivered yet)."""
        return self._ended.is_set()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the work function has returned; False on timeout."""
        return self._ended.wait(msecs / 1000)


class _Relay(QObject):
    progressed = Signal(object, object)
    finished = Signal(object, object, object)


class _Task(QRunnable):
    def __init__(self, job: Job, work: Callable[[Job], Any], relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result, error = self._work(self._job), None
        except BaseException as exc:  # reported to the UI thread, never lost in the pool
            result, error = None, exc
        self._job._ended.set()
        try:
            self._relay.finished.emit(self._job, result, error)
        except RuntimeError:
            pass  # the application is shutting down and nobody is left to tell


class JobRunner(QObject):
    """Runs jobs on its own thread pool and keeps the registry that quitting waits on."""

    def __init__(self, max_threads: int = MAX_THREADS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._callbacks: dict[Job, tuple[Done | None, Failed | None, Progress | None]] = {}

    def start(
        self,
        work: Callable[[Job], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> Job:
        """Run ``work(job)`` in the background; the callbacks run later on the UI thread."""
        job = Job(name or getattr(work, "__name__", "job"), owner)
        job._relay = self._relay
        self._callbacks[job] = (on_done, on_error, on_progress)
        self._pool.start(_Task(job, work, self._relay))
        return job

    def running(self) -> list[Job]:
        """Jobs started and not yet delivered."""
        return list(self._callbacks)

    def cancel_all(self) -> None:
        for job in self._callbacks:
            job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every started job's work has returned; False on timeout."""
        return self._pool.waitForDone(msecs)

    def finish(self, msecs: int = 30_000) -> bool:
        """Cancel every job and wait for them to stop (quitting calls this)."""
        self.cancel_all()
        return self.wait(msecs)

    def _alive(self, job: Job) -> bool:
        return job.owner is None or shiboken6.isValid(job.owner)

    def _on_progress(self, job: Job, payload: Any) -> None:
        callbacks = self._callbacks.get(job)
        if callbacks is not None and callbacks[2] is not None and self._alive(job):
            callbacks[2](payload)

    def _on_finished(self, job: Job, result: Any, error: BaseException | None) -> None:
        on_done, on_error, _progress = self._callbacks.pop(job, (None, None, None))
        if not self._alive(job):
            return
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)


_runner: JobRunner | None = None


def runner() -> JobRunner:
    """The application's one job runner (made on first use, on the UI thread)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = JobRunner()
    return _runner


def run_in_background(
    work: Callable[[], Any], on_done: Done, on_error: Failed | None = None, owner: QObject | None = None
) -> Job:
    """Call ``work()`` on the runner; ``on_done``/``on_error`` then run on the UI thread."""
    return runner().start(lambda _job: work(), on_done=on_done, on_error=on_error, owner=owner)
