"""Stopping an owner's jobs, as closing a desk and quitting do: reads are dropped, writes finish."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject

from workstation.ui.jobs import Job, JobRunner

# Generous: a loaded machine may take long to start a thread, never this long.
BOUND_S = 60


@pytest.fixture
def jobs(qtbot) -> Iterator[JobRunner]:
    runner = JobRunner(max_threads=1)
    yield runner
    runner.finish()


def until_cancelled(job: Job) -> str:
    """A read that takes as long as it is allowed to (it checks ``cancelled`` as reads do)."""
    while not job.cancelled():
        time.sleep(0.01)
    return "stopped"


def occupy(jobs: JobRunner, owner: QObject) -> Job:
    """The pool's one thread, busy until the job is cancelled."""
    busy = jobs.start(until_cancelled, owner=owner, name="busy read")
    assert _started(busy)
    return busy


def _started(job: Job) -> bool:
    deadline = time.monotonic() + BOUND_S
    while not job.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return job.started


def test_queued_reads_of_a_stopped_owner_never_run(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    occupy(jobs, owner)
    ran: list[int] = []
    queued = [jobs.start(lambda _job, n=n: ran.append(n), owner=owner, name="thumbnail page") for n in range(5)]
    assert jobs.stop(owner)
    assert jobs.wait(BOUND_S * 1000)
    assert ran == []
    assert all(job.ended and not job.started for job in queued)


def test_a_running_read_is_asked_to_stop_and_its_result_is_not_delivered(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    delivered: list[object] = []
    read = jobs.start(until_cancelled, on_done=delivered.append, owner=owner)
    assert _started(read)
    assert jobs.stop(owner, BOUND_S * 1000)
    assert read.ended and read.cancelled()
    qtbot.wait(50)
    assert delivered == []


def test_a_queued_write_still_runs_and_has_ended_when_stop_returns(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    occupy(jobs, owner)
    written: list[str] = []
    write = jobs.start(lambda job: written.append("saved"), owner=owner, name="save", writes=True)
    jobs.stop(owner)
    assert write.ended and written == ["saved"]


def test_a_running_write_is_asked_to_stop_and_waited_for(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    steps: list[int] = []
    go_on = threading.Event()

    def import_until_cancelled(job: Job) -> None:
        go_on.set()
        while not job.cancelled():
            steps.append(len(steps))
            time.sleep(0.01)
        steps.append(-1)  # the step that was under way when the cancel came is finished too

    write = jobs.start(import_until_cancelled, owner=owner, writes=True)
    assert go_on.wait(BOUND_S)
    jobs.stop(owner)
    assert write.ended and write.cancelled() and steps[-1] == -1


def test_a_stopped_owner_starts_nothing_more(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    child = QObject(owner)
    jobs.stop(owner)
    ran: list[str] = []
    late = jobs.start(lambda _job: ran.append("late"), owner=child, name="late timer")
    assert jobs.wait(BOUND_S * 1000)
    assert late.ended and not late.started and ran == []


def test_stopping_one_owner_leaves_the_jobs_of_another_running(qtbot, jobs: JobRunner) -> None:
    closing, staying = QObject(), QObject()
    other = jobs.start(until_cancelled, owner=staying)
    assert _started(other)
    jobs.stop(closing)
    assert not other.cancelled() and not other.ended
    other.cancel()
    assert other.wait(BOUND_S * 1000)
