"""The one job runner: results and progress on the UI thread, cancel, and a registry that quitting waits on."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject

from workstation.ui.jobs import Job, JobRunner


@pytest.fixture
def jobs(qtbot) -> JobRunner:
    runner = JobRunner()
    yield runner
    runner.finish()


def test_work_runs_off_the_ui_thread_and_its_result_arrives_on_it(qtbot, jobs: JobRunner) -> None:
    seen: dict[str, object] = {}
    jobs.start(lambda _job: threading.get_ident(), on_done=lambda ident: seen.update(work=ident, done=threading.get_ident()))
    qtbot.waitUntil(lambda: "done" in seen, timeout=10_000)
    assert seen["work"] != threading.get_ident() == seen["done"]


def test_progress_arrives_on_the_ui_thread_in_order(qtbot, jobs: JobRunner) -> None:
    steps: list[tuple[int, int]] = []

    def work(job: Job) -> None:
        for n in range(3):
            job.progress(n)

    jobs.start(work, on_progress=lambda n: steps.append((n, threading.get_ident())))
    qtbot.waitUntil(lambda: len(steps) == 3, timeout=10_000)
    assert [n for n, _ident in steps] == [0, 1, 2]
    assert {ident for _n, ident in steps} == {threading.get_ident()}


def test_an_error_in_the_work_goes_to_the_error_callback(qtbot, jobs: JobRunner) -> None:
    errors: list[BaseException] = []

    def work(_job: Job) -> None:
        raise ValueError("no such photo")

    jobs.start(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert str(errors[0]) == "no such photo"


def test_finish_cancels_running_jobs_and_waits_for_them(qtbot, jobs: JobRunner) -> None:
    def work(job: Job) -> str:
        while not job.cancelled():
            time.sleep(0.01)
        return "stopped"

    job = jobs.start(work)
    assert jobs.running() == [job]
    assert jobs.finish(10_000)
    assert job.ended and job.cancelled()


def test_nothing_is_delivered_to_an_owner_deleted_meanwhile(qtbot, jobs: JobRunner) -> None:
    owner = QObject()
    delivered: list[object] = []
    release = threading.Event()
    job = jobs.start(lambda _job: release.wait(10), on_done=delivered.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(50)
    release.set()
    job.wait()
    qtbot.waitUntil(lambda: jobs.running() == [], timeout=10_000)
    assert delivered == []


def test_closing_the_main_window_cancels_and_waits_for_running_jobs(qtbot, library, filled) -> None:
    from workstation.ui.app import open_window
    from workstation.ui.jobs import runner

    window = open_window(library.path)
    qtbot.addWidget(window)

    def work(job: Job) -> None:
        while not job.cancelled():
            time.sleep(0.01)

    job = runner().start(work, owner=window)
    window.close()
    assert job.ended and job.cancelled()
