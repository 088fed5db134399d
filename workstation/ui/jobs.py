"""The one way the GUI runs work off the UI thread.

A job is a plain function run on the runner's thread pool. It may report
progress and look whether it was cancelled; its result, its progress and
any error it raised are delivered to callbacks on the UI thread. They
travel through one long-lived relay object that lives on the UI thread,
never through an object owned by the job: a job object deleted while its
thread is still returning is a crash waiting to happen. A callback whose
``owner`` widget has been deleted meanwhile is skipped.

Every job is registered until its result has been delivered. Closing a
desk (``JobRunner.stop`` with the desk as owner) or quitting
(``JobRunner.finish``) stops what was started there, and waits only for
what must end before the library closes:

- a job that only reads or computes, whose result nobody will now see, is
  dropped: taken off the pool's queue if it has not started (it never
  runs), asked to stop if it has (the reads check ``cancelled``), and its
  result is not delivered;
- a job that writes (``writes=True``: an import, an export, a take-out) is
  never dropped: it is asked to stop where its work allows (an import
  between photos, keeping what landed) and waited for however long that
  takes, so every write it made is committed before the close returns.

A stopped owner starts nothing more: a timer of a closing desk that fires
later gets a job that never runs.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# Enough for an import, an export and the desks' page, preview and crop reads at once.
MAX_THREADS = 4
# How long a close waits for the reads it asked to stop (each checks ``cancelled`` often; a job
# that writes is waited for however long it takes).
STOP_WAIT_MS = 30_000
# The dynamic property that marks an owner whose jobs were stopped.
STOPPED = "workstation_jobs_stopped"

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[Any], None]


class Job:
    """One piece of background work: what the work function gets, and what its starter keeps."""

    def __init__(self, name: str, owner: QObject | None, writes: bool = False) -> None:
        self.name = name
        self.owner = owner
        self.writes = writes
        self._cancel = threading.Event()
        # Set by ``JobRunner.stop`` on a job whose result nobody will see: it must not start.
        self._dropped = threading.Event()
        self._started = threading.Event()
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
    def started(self) -> bool:
        """Whether a thread took the job up (a job dropped from the queue never is)."""
        return self._started.is_set()

    @property
    def ended(self) -> bool:
        """Whether the work function has returned, or will never run (its result may not be delivered yet)."""
        return self._ended.is_set()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the work function has returned (or was dropped unrun); False on timeout."""
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
        job = self._job
        job._started.set()
        if job._dropped.is_set():
            # Dropped while the pool was already handing it a thread.
            result, error = None, None
        else:
            try:
                result, error = self._work(job), None
            except BaseException as exc:  # reported to the UI thread, never lost in the pool
                result, error = None, exc
        job._ended.set()
        try:
            self._relay.finished.emit(job, result, error)
        except RuntimeError:
            pass  # the application is shutting down and nobody is left to tell


class JobRunner(QObject):
    """Runs jobs on its own thread pool and keeps the registry that closing and quitting stop."""

    def __init__(self, max_threads: int = MAX_THREADS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._callbacks: dict[Job, tuple[Done | None, Failed | None, Progress | None]] = {}
        self._tasks: dict[Job, _Task] = {}

    def start(
        self,
        work: Callable[[Job], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        owner: QObject | None = None,
        name: str = "",
        writes: bool = False,
    ) -> Job:
        """Run ``work(job)`` in the background; the callbacks run later on the UI thread.

        ``writes`` marks work that writes the library or the user's files:
        stopping never drops it. An owner that was stopped gets a job that
        never runs.
        """
        job = Job(name or getattr(work, "__name__", "job"), owner, writes)
        job._relay = self._relay
        if owner is not None and self.stopped(owner):
            job.cancel()
            job._ended.set()
            return job
        self._callbacks[job] = (on_done, on_error, on_progress)
        task = _Task(job, work, self._relay)
        self._tasks[job] = task
        self._pool.start(task)
        return job

    def running(self) -> list[Job]:
        """Jobs started and not yet delivered."""
        return list(self._callbacks)

    def cancel_all(self) -> None:
        for job in self._callbacks:
            job.cancel()

    def wait(self, msecs: int = 30_000, owner: QObject | None = None) -> bool:
        """Block until the work of every started job (of ``owner`` and its children, if given) has returned."""
        if owner is None:
            return self._pool.waitForDone(msecs)
        deadline = time.monotonic() + msecs / 1000
        return all(job.wait(_left_ms(deadline)) for job in self._owned(owner))

    def stop(self, owner: QObject | None = None, msecs: int = STOP_WAIT_MS) -> bool:
        """Stop the jobs of ``owner`` and its children (every job when None), as a close or quit needs.

        Reads and computations are dropped: queued ones never run, running
        ones are asked to stop and waited for up to ``msecs``, and none of
        their results is delivered. Jobs that write are asked to stop where
        their work allows and waited for until they end; their results are
        not delivered either (their owner is closing), but every write they
        made is committed when this returns. False if a read was still
        running after ``msecs``.
        """
        if owner is not None:
            owner.setProperty(STOPPED, True)
        jobs = list(self._callbacks) if owner is None else self._owned(owner)
        for job in jobs:
            job.cancel()
            if not job.writes:
                job._dropped.set()
            self._callbacks.pop(job, None)
            task = self._tasks.pop(job, None)
            if not job.writes and task is not None and not job._started.is_set() and self._pool.tryTake(task):
                job._ended.set()
        deadline = time.monotonic() + msecs / 1000
        ended = True
        for job in jobs:
            if job.writes:
                job._ended.wait()
            else:
                ended = job.wait(_left_ms(deadline)) and ended
        return ended

    def finish(self, msecs: int = STOP_WAIT_MS) -> bool:
        """Stop every job (quitting calls this): see ``stop``; then wait for any a desk's close left running."""
        deadline = time.monotonic() + msecs / 1000
        ended = self.stop(None, msecs)
        return self._pool.waitForDone(_left_ms(deadline)) and ended

    def stopped(self, owner: QObject) -> bool:
        """Whether ``stop`` was called for ``owner`` or one of its parents (it then starts nothing more)."""
        return any(node.property(STOPPED) for node in _lineage(owner))

    def _owned(self, owner: QObject) -> list[Job]:
        return [job for job in self._callbacks if any(node is owner for node in _lineage(job.owner))]

    def _alive(self, job: Job) -> bool:
        return job.owner is None or shiboken6.isValid(job.owner)

    def _on_progress(self, job: Job, payload: Any) -> None:
        callbacks = self._callbacks.get(job)
        if callbacks is not None and callbacks[2] is not None and self._alive(job):
            callbacks[2](payload)

    def _on_finished(self, job: Job, result: Any, error: BaseException | None) -> None:
        self._tasks.pop(job, None)
        callbacks = self._callbacks.pop(job, None)
        if callbacks is None or not self._alive(job):
            return  # dropped by ``stop``, or its owner is gone
        on_done, on_error, _progress = callbacks
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)


def _lineage(node: QObject | None) -> Iterator[QObject]:
    """``node``, its parent, theirs and so on, while each still exists."""
    while node is not None and shiboken6.isValid(node):
        yield node
        node = node.parent()


def _left_ms(deadline: float) -> int:
    """Milliseconds from now until ``deadline`` (``time.monotonic``), none once it has passed."""
    return max(0, round((deadline - time.monotonic()) * 1000))


_runner: JobRunner | None = None


def runner() -> JobRunner:
    """The application's one job runner (made on first use, on the UI thread)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = JobRunner()
    return _runner


def run_in_background(
    work: Callable[[], Any],
    on_done: Done,
    on_error: Failed | None = None,
    owner: QObject | None = None,
    writes: bool = False,
) -> Job:
    """Call ``work()`` on the runner; ``on_done``/``on_error`` then run on the UI thread."""
    return runner().start(lambda _job: work(), on_done=on_done, on_error=on_error, owner=owner, writes=writes)
