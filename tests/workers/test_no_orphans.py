"""After ``kill -9`` of the app, its helper processes end within two seconds and leave nothing in the temp folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

APP = Path(__file__).with_name("helper_app.py")
ROOT = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> set[int]:
    """Every live process whose parent is ``pid``, and theirs, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_helpers_end_within_two_seconds_of_the_app_being_killed(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    images = tmp_path / "images"
    images.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, str(APP), str(images)], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert app.stdout.readline().strip() == "ready"
        helpers = children_of(app.pid)
        # The render helper, the decoding child and multiprocessing's resource tracker.
        assert len(helpers) >= 3
        os.kill(app.pid, signal.SIGKILL)
        app.wait(timeout=10)
        killed = time.monotonic()
        while any(alive(pid) for pid in helpers) and time.monotonic() - killed < 2:
            time.sleep(0.05)
        print(f"\nhelpers {sorted(helpers)} ended {time.monotonic() - killed:.2f} s after kill -9")
        assert [pid for pid in helpers if alive(pid)] == []
    finally:
        if app.poll() is None:
            app.kill()
    assert list(temp.iterdir()) == []
