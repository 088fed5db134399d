"""``workstation ARGS`` run inside the test process, answering as the real process would.

A new interpreter costs about a second before the command does anything
(Python, SQLAlchemy, Markdown, Jinja), and most command-line tests are about
what a command does and says: its exit status, its lines on stdout and
stderr, the files it leaves. ``workstation()`` calls the same ``main`` the
``workstation`` script calls and returns the same ``CompletedProcess`` a
subprocess run would. Tests of the process itself (what start-up imports,
signals, output written below Python, two processes at once) keep a real one
(``tests.cli.conftest.run_cli``).

What ``main`` changes for its process (the warnings hook, ``PYTHONWARNINGS``)
is put back afterwards, and ``timeout`` stops a command that runs too long,
as ``subprocess.run(timeout=...)`` does.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import threading
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

from workstation.cli import main


class CommandTimedOut(BaseException):
    """Raised in the command when its time is up; a ``BaseException`` so that ``main``'s last net lets it through."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise CommandTimedOut(f"the command ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _environment(changes: Mapping[str, str]) -> Iterator[None]:
    """``changes`` set for the command; afterwards every variable it or ``main`` touched is as it was."""
    keys = {*changes, "PYTHONWARNINGS"}
    saved = {key: os.environ.get(key) for key in keys}
    os.environ.update(changes)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def workstation(
    *args: str | Path, env: Mapping[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``workstation ARGS`` here; its exit status and what it printed, as ``subprocess.run`` gives them."""
    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    hook = warnings.showwarning
    try:
        with _environment(env or {}), _time_limit(timeout), \
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exit_:  # argparse's usage errors and --version
                status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
                if isinstance(exit_.code, str):
                    print(exit_.code, file=err)
    finally:
        warnings.showwarning = hook
    return subprocess.CompletedProcess(["workstation", *argv], status, out.getvalue(), err.getvalue())
