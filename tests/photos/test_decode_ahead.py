"""``ingest_files`` starts decoding when called, so that what the caller does meanwhile overlaps with it."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from PIL import Image

from workstation.photos.ingest import IngestedImage, ingest_files


def write_jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "JPEG", quality=90)
    path.write_bytes(out.getvalue())
    return path


def ingest_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("ingest")]


def test_the_first_files_are_started_before_a_result_is_asked_for(tmp_path: Path) -> None:
    paths = [write_jpeg(tmp_path / f"frame-{n}.jpg", (40 * n, 90, 160)) for n in range(5)]
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return False

    results = ingest_files(paths, workers=1, cancelled=cancelled)
    try:
        assert len(asked) == 3  # the window's files (three for the one worker) were started, each after asking
        assert [path for path, _ in results] == paths
    finally:
        results.close()


def test_results_come_in_input_order_and_closing_early_leaves_no_decoding_thread(tmp_path: Path) -> None:
    paths = [write_jpeg(tmp_path / f"frame-{n}.jpg", (40 * n, 90, 160)) for n in range(6)]
    results = ingest_files(paths, workers=2)
    path, first = next(results)
    results.close()
    assert path == paths[0]
    assert isinstance(first, IngestedImage) and first.width == 640
    assert ingest_threads() == []


def test_closing_before_any_result_leaves_no_decoding_thread(tmp_path: Path) -> None:
    paths = [write_jpeg(tmp_path / f"frame-{n}.jpg", (40 * n, 90, 160)) for n in range(6)]
    ingest_files(paths, workers=2).close()
    assert ingest_threads() == []
