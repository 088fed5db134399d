"""Helper processes end at once when their work is no longer wanted: they never write the library."""

from __future__ import annotations

import io
import multiprocessing
import time
from concurrent.futures import BrokenExecutor, CancelledError
from pathlib import Path

import pytest
from PIL import Image

from workstation.workers import render_process
from workstation.workers.ingest_process import decode_in_child

# Generous: spawning a helper on a loaded machine takes seconds, never this long.
BOUND_S = 60
# Longer than any test here may wait for it.
ASLEEP_S = 300


def jpeg_bytes(size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def busy_helper():
    """The render helper, busy with work that would outlast the test."""
    asleep = render_process._submit(time.sleep, ASLEEP_S)
    deadline = time.monotonic() + BOUND_S
    while not asleep.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    yield asleep
    render_process.stop_helper()


def test_a_preview_waiting_for_a_busy_helper_stops_waiting_when_cancelled(busy_helper) -> None:
    with pytest.raises(CancelledError):
        render_process.preview_bytes(jpeg_bytes(), 200, cancelled=lambda: True)


def test_stopping_a_busy_helper_ends_it_without_waiting_for_its_work(busy_helper) -> None:
    render_process.stop_helper()
    with pytest.raises(BrokenExecutor):
        busy_helper.result(timeout=BOUND_S)
    assert len(render_process.preview_bytes(jpeg_bytes(), 200)) > 0


def test_a_cancelled_decode_ends_at_once_and_leaves_no_child(tmp_path: Path) -> None:
    files = []
    for n in range(6):
        path = tmp_path / f"f{n:02d}.jpg"
        Image.effect_noise((1600, 1200), 40).convert("RGB").save(path, "JPEG", quality=95)
        files.append(path)
    stop: list[bool] = []
    yielded = []
    for name, _result in decode_in_child(files, 100_000_000, cancelled=lambda: bool(stop)):
        yielded.append(name)
        stop.append(True)
    assert yielded == ["f00.jpg"]
    assert multiprocessing.active_children() == []
