"""The desk's photo import without Qt: a helper process decodes, the app stores each photo itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from workstation.editing.imports import ImportStep, import_photos
from workstation.library.import_report import ImportReport
from workstation.library.import_sources import IMAGES_ONLY, expand_paths
from workstation.library.database import Library, open_library
from workstation.library.models import Photo


def jpeg(path: Path, size: tuple[int, int] = (320, 240), colour: tuple[int, int, int] = (200, 40, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85)
    return path


def stored(library: Library) -> list[str]:
    with library.session() as session:
        return [photo.original_filename for photo in session.query(Photo).order_by(Photo.id)]


def test_decoded_photos_are_stored_by_the_app_in_file_order(library: Library, tmp_path: Path) -> None:
    files = [jpeg(tmp_path / f"frame-{n}.jpg", colour=(n * 40, 90, 120)) for n in range(3)]
    steps: list[ImportStep] = []
    report = import_photos(library, files, on_step=steps.append)
    assert stored(library) == ["frame-0.jpg", "frame-1.jpg", "frame-2.jpg"]
    assert report.photos == report.photo_ids and len(report.photos) == 3
    assert [(step.done, step.total, step.is_new) for step in steps] == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_refused_files_are_reported_with_reasons_and_the_rest_land(library: Library, tmp_path: Path) -> None:
    good = jpeg(tmp_path / "good.jpg")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    notes = tmp_path / "notes.jpg"
    notes.write_text("not a picture")
    report = import_photos(library, [empty, good, notes, tmp_path / "missing.jpg"])
    assert stored(library) == ["good.jpg"]
    assert [refusal.name for refusal in report.refused] == ["missing.jpg", "empty.jpg", "notes.jpg"]
    assert all(refusal.reason and not refusal.reason.startswith("empty.jpg:") for refusal in report.refused)
    assert report.photo_summary() == "1 imported, 3 refused"


def test_the_same_picture_twice_is_one_record_reported_as_already_there(library: Library, tmp_path: Path) -> None:
    first = jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(first.read_bytes())
    report = import_photos(library, [first, copy])
    assert report.duplicates == [(copy, report.photos[0])]
    assert report.photo_ids == [report.photos[0]] * 2


def test_cancelling_keeps_what_landed_and_leaves_the_rest(library: Library, tmp_path: Path) -> None:
    files = [jpeg(tmp_path / f"f{n}.jpg", size=(1200, 900), colour=(n * 6, 80, 80)) for n in range(30)]
    stop: list[bool] = []
    report = import_photos(library, files, cancelled=lambda: bool(stop), on_step=lambda _step: stop.append(True))
    assert report.cancelled
    assert len(report.photos) == len(stored(library)) < 30


def test_a_read_only_library_refuses_every_file_and_stays_unchanged(library: Library, tmp_path: Path) -> None:
    readonly = open_library(library.path, readonly=True)
    try:
        report = import_photos(readonly, [jpeg(tmp_path / "a.jpg")])
    finally:
        readonly.close()
    assert [(refusal.name, refusal.reason) for refusal in report.refused] == [("a.jpg", "the library is open read-only")]
    assert stored(library) == []


def test_a_folder_contributes_its_images_recursively_sorted_without_hidden_ones(tmp_path: Path) -> None:
    jpeg(tmp_path / "shoot" / "b.jpg")
    jpeg(tmp_path / "shoot" / "day2" / "a.jpg")
    jpeg(tmp_path / "shoot" / ".thumbs" / "c.jpg")
    (tmp_path / "shoot" / "captions.txt").write_text("to follow")
    single = jpeg(tmp_path / "single.jpg")
    assert expand_paths([tmp_path / "shoot", single, single], ImportReport(), IMAGES_ONLY).images == [
        tmp_path / "shoot" / "b.jpg",
        tmp_path / "shoot" / "day2" / "a.jpg",
        single,
    ]


def children_with_open_files() -> dict[int, set[str]]:
    """Every live child of this process, with the files it holds open (Linux /proc)."""
    found: dict[int, set[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent != os.getpid():
                continue
            found[int(entry.name)] = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_the_decoding_child_never_has_the_library_open(library: Library, tmp_path: Path) -> None:
    files = [jpeg(tmp_path / f"f{n}.jpg", size=(1600, 1200), colour=(n * 9, 50, 50)) for n in range(12)]
    seen: list[dict[int, set[str]]] = []
    import_photos(library, files, on_step=lambda _step: seen.append(children_with_open_files()))
    children = {pid: files for snapshot in seen for pid, files in snapshot.items()}
    assert children, "the decoding child was never seen at work"
    library_files = {str(library.path.resolve()) + suffix for suffix in ("", "-wal", "-shm")}
    assert all(not (open_files & library_files) for open_files in children.values())


def test_the_helper_processes_never_load_the_code_that_opens_a_library() -> None:
    code = (
        "import sys, workstation.workers.ingest_process, workstation.workers.render_process\n"
        "print('workstation.library.database' in sys.modules, 'PySide6' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
