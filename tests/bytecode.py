"""Bytecode for the test processes, made once by the controlling process before the workers start.

Every xdist worker imports the same modules. With no bytecode on disk (a
fresh clone, or ``PYTHONDONTWRITEBYTECODE`` set), each of the four workers
compiles the package and rewrites the asserts of all 280 test modules
itself (about 4 s of CPU each on this machine), and every fresh interpreter
a test starts compiles the package's modules again (a tenth of a second
each). So the controlling process writes, before the workers start, what
an installed copy has: the package's bytecode; and what pytest's assertion
rewriter would write for each test module and conftest, in its own format
(``_pytest.assertion.rewrite``, whose ``exec_module`` these steps mirror).
The workers' importers then read these files, whether or not they may write
any themselves. Two processes share the work (the controller is still
single-threaded here, so it may fork).
"""

from __future__ import annotations

import compileall
import fnmatch
import os
import threading
from pathlib import Path

import pytest
from _pytest.assertion import AssertionState
from _pytest.assertion.rewrite import (
    PYC_TAIL,
    _read_pyc,
    _rewrite_test,
    _write_pyc,
    assertstate_key,
    get_cache_dir,
    try_makedirs,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (ROOT / "workstation", ROOT / "tests")


def _rewritten(config: pytest.Config, path: Path) -> bool:
    """Whether pytest rewrites the asserts of ``path`` when it imports it (a test module or a conftest)."""
    patterns = config.getini("python_files")
    return path.name == "conftest.py" or any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)


def _write(config: pytest.Config, state: AssertionState | None, path: Path) -> None:
    """The bytecode of ``path``, unless it is there and current; a module that does not compile is left alone."""
    if state is None or not _rewritten(config, path):
        compileall.compile_file(str(path), quiet=2)
        return
    cache = get_cache_dir(path)
    pyc = cache / (path.name[:-3] + PYC_TAIL)
    if _read_pyc(path, pyc) is not None or not try_makedirs(cache):
        return
    try:
        source_hash, code = _rewrite_test(path, config)
    except (OSError, SyntaxError, ValueError):
        return  # the worker that imports it reports the error, as it would have anyway
    _write_pyc(state, code, source_hash, pyc)


def write_bytecode(config: pytest.Config) -> None:
    """Compile the package and the tests (asserts rewritten as pytest does), half of them in a forked child."""
    state = config.stash.get(assertstate_key, None)
    paths = sorted(path for package in PACKAGES for path in package.rglob("*.py"))
    child = os.fork() if threading.active_count() == 1 else -1
    share = paths[0::2] if child == 0 else paths[1::2] if child > 0 else paths
    try:
        for path in share:
            _write(config, state, path)
    finally:
        if child == 0:
            os._exit(0)
    if child > 0:
        os.waitpid(child, 0)
