"""An export's work on every core: forked workers, one writing process.

Rendering (Markdown, Jinja) is pure Python and holds the GIL, so threads
cannot share it out; processes can. The workers are forked after the
catalog snapshot is in memory, so each starts with the snapshot, the page
builder and the loaded templates and receives nothing but page numbers.
They only compute: every page comes back to the exporting process, which
alone writes the folder, the manifest and the library's render cache
("one writer", design notes).

Forking is safe only in a process with a single thread (a thread holding
a lock at the fork leaves that lock held forever in the child). The app
runs Qt threads, so its exports render in its own process, one page after
another; a command-line export, which has no other thread, forks.

One pool serves an export (``job_pool``): the pages, known before it
starts, reach the forked workers by their place in the list it was given
(``render_all``); photo renditions are handed over one job at a time, each
photo's original read from the library by the exporting process just
before its turn, to forked processes where that is safe and to threads
where not. The pages are queued first and the renditions behind them, so
both cores stay busy to the end: the workers encode the photos while the
exporting process writes the last pages, the feed and the sitemap.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from workstation.errors import PublishError

Result = TypeVar("Result")

# Fewer pages than this render faster in the process than a pool starts.
MIN_PARALLEL_PAGES = 24
# Pages a worker renders per round trip: small enough to keep every core
# busy to the end and to give a cancel a quick answer.
CHUNK_PAGES = 16

# How often a worker looks whether the exporting process is still there (``_watch_parent``).
PARENT_CHECK_SECONDS = 0.25

# The work of the pool being run, read by the forked workers (set only around one run).
_current: _Work[Any] | None = None


class _Work(Generic[Result]):
    def __init__(self, tasks: Sequence[Callable[[], Result]], collect: Callable[[], Any]) -> None:
        self.tasks = tasks
        self.collect = collect
        # The forked pool that runs them (set by ``job_pool`` once it is made).
        self.pool: Executor | None = None


def _run_chunk(start: int, stop: int) -> tuple[list[Any], Any]:
    """In a worker: the chunk's results, and what ``collect`` says the rendering left behind."""
    work = _current
    assert work is not None, "a forked worker sees the work it was forked for"
    return [work.tasks[index]() for index in range(start, stop)], work.collect()


def _watch_parent(parent: int) -> None:
    """In a worker: end it as soon as the exporting process is gone.

    A worker of an export that was killed would otherwise wait for work
    forever, holding whatever the export's caller gave it (a terminal, the
    pipes of a program waiting for the export to end).
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def stopped(what: str) -> PublishError:
    """The error of an export one of whose ``what`` processes died (killed, out of memory).

    Raised wherever the pool says so: at a result, or already at handing
    over a job when the pool learnt of the death first (under load, a worker
    can die before the last job of a batch is handed over).
    """
    return PublishError(f"a {what} process stopped unexpectedly; every file written so far is complete")


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def forking_is_safe() -> bool:
    """Whether this process may fork workers: it has no other thread, and the platform forks.

    The platform is asked through ``os``, not multiprocessing (whose start methods include "fork" on
    every platform but Windows, which has no ``os.fork``): multiprocessing is imported only where a
    pool of processes is made (``_forked_pool``).
    """
    return threading.active_count() == 1 and hasattr(os, "fork")


def default_workers(pages: int) -> int:
    """How many processes to render ``pages`` with when the caller does not say: 1 unless forking is safe and pays."""
    if pages < MIN_PARALLEL_PAGES or not forking_is_safe():
        return 1
    return available_cores()


def _forked_pool(workers: int) -> Executor:
    # Imported only here, where a pool of processes is made: multiprocessing and the process pool take
    # 10-20 ms to import, which an export rendering a few pages in this process with every picture
    # made already (one edited article) would otherwise spend for nothing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_watch_parent, initargs=(os.getpid(),))


class _PoolAtFirstJob(Executor):
    """A pool of forked workers made when the first job is handed over: none at all when none is."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: Executor | None = None

    def submit(self, fn: Callable[..., Result], /, *args: Any, **kwargs: Any) -> Future[Result]:
        if self.pool is None:
            self.pool = _forked_pool(self.workers)
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@contextmanager
def job_pool(
    workers: int,
    processes: bool | None = None,
    *,
    pages: Sequence[Callable[[], Any]] = (),
    collect: Callable[[], Any] = lambda: None,
) -> Iterator[Executor]:
    """An executor for jobs handed over one at a time, each with its own input (one photo's original, say).

    ``workers`` forked processes when there are several and ``processes``
    says so (by default: when forking is safe), or one when ``processes`` is
    True (work beside this process's own), so that work holding the GIL
    (Pillow's JPEG encoder does) still runs on every core; else as many
    threads of this process, which overlap only where the work releases the
    GIL (decoding, resizing, WebP). A job's function and arguments must then
    be picklable, and its result comes back to this process, which alone
    writes. What exists when the pool starts is frozen for the collector
    meanwhile, so no worker finalises it (an open library connection).

    ``pages`` are tasks the forked workers know by their index, for
    ``render_all`` to hand out without pickling them; ``collect`` runs in a
    worker after each chunk of them (see ``render_all``). Leaving the block
    by an exception drops the jobs not yet started.

    Left to decide (``processes`` None), it makes the forked pool at the
    first job: an export whose pictures are all made already hands over
    none. The workers fork at the first job either way.
    """
    global _current
    if (workers <= 1 and processes is None) or not (forking_is_safe() if processes is None else processes):
        with ThreadPoolExecutor(max_workers=max(1, workers)) as threads:
            try:
                yield threads
            except BaseException:
                threads.shutdown(wait=True, cancel_futures=True)
                raise
        return
    # The workers fork at the first job: they see the pages set here.
    _current = _Work(pages, collect)
    gc.freeze()
    try:
        with _forked_pool(workers) if processes else _PoolAtFirstJob(workers) as forked:
            _current.pool = forked
            try:
                yield forked
            except BaseException:
                forked.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        _current = None


def render_all(
    tasks: Sequence[Callable[[], Result]],
    pool: Executor | None = None,
    *,
    merge: Callable[[Any], None] = lambda state: None,
) -> Iterator[Result]:
    """Each task's result, in order: computed in forked workers of ``pool`` when it was opened with
    these tasks as its ``pages`` (``job_pool``), else here, one after another.

    The tasks go to the workers in chunks, queued at once ahead of any job
    submitted later. ``collect`` (given to ``job_pool``) runs in a worker
    after each chunk and says what its rendering left in the worker's
    memory (say, renditions it planned); ``merge`` receives that here, so
    the exporting process ends up knowing what a serial run would have known.
    """
    work = _current
    if work is None or pool is None or work.pool is not pool or work.tasks is not tasks or len(tasks) < 2:
        return (task() for task in tasks)
    chunks = [(start, min(start + CHUNK_PAGES, len(tasks))) for start in range(0, len(tasks), CHUNK_PAGES)]
    # Queued now, not at the first result asked for: the jobs submitted after this call wait behind them.
    futures: list[Future[tuple[list[Any], Any]]] = []
    try:
        for start, stop in chunks:
            futures.append(pool.submit(_run_chunk, start, stop))
    except BrokenExecutor:  # a process pool's BrokenProcessPool: a worker died
        for future in futures:
            future.cancel()
        raise stopped("page-rendering") from None
    return _results(futures, merge)


def _results(futures: list[Future[tuple[list[Any], Any]]], merge: Callable[[Any], None]) -> Iterator[Any]:
    try:
        for future in futures:
            try:
                results, state = future.result()
            except BrokenExecutor:  # a process pool's BrokenProcessPool: a worker died
                raise stopped("page-rendering") from None
            merge(state)
            yield from results
    finally:
        for future in futures:
            future.cancel()
