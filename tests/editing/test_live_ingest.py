"""Live ingest: files arriving in a watched folder land once finished, with the chosen template."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image

from workstation.editing.imports import ImportStep
from workstation.editing.ingest_setup import store_template
from workstation.editing.live_ingest import ArrivalTracker, watch_folder
from workstation.library.database import Library
from workstation.library.models import Photo


def frame(path: Path, colour: tuple[int, int, int] = (120, 60, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (240, 160), colour).save(path, "JPEG")
    return path


def test_a_file_is_taken_once_it_stops_growing(tmp_path: Path) -> None:
    tracker = ArrivalTracker.starting_now(tmp_path)
    path = tmp_path / "IMG_1.jpg"
    path.write_bytes(b"\xff\xd8partial")
    assert tracker.look() == []
    with path.open("ab") as stream:
        stream.write(b"more of the frame")
    assert tracker.look() == []
    assert tracker.look() == [path]
    assert tracker.look() == []


def test_files_there_when_the_watch_starts_are_left_alone(tmp_path: Path) -> None:
    frame(tmp_path / "old.jpg")
    tracker = ArrivalTracker.starting_now(tmp_path)
    new = frame(tmp_path / "DCIM" / "100CANON" / "new.jpg")
    tracker.look()
    assert tracker.look() == [new]


def test_an_empty_or_foreign_file_is_not_taken(tmp_path: Path) -> None:
    tracker = ArrivalTracker.starting_now(tmp_path)
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("shot list")
    tracker.look()
    assert tracker.look() == []


def test_arriving_frames_are_imported_with_the_template_until_the_watch_stops(
    library: Library, tmp_path: Path
) -> None:
    store_template(library, "Tether", {"caption": {"value": "Studio frame {seq}", "mode": "replace"}})
    watched = tmp_path / "tether"
    watched.mkdir()
    stop = threading.Event()
    landed: list[ImportStep] = []
    arrived = threading.Event()

    def heard(step: ImportStep) -> None:
        landed.append(step)
        if len(landed) == 2:
            arrived.set()

    result = {}
    tracker = ArrivalTracker.starting_now(watched)
    watcher = threading.Thread(
        target=lambda: result.update(report=watch_folder(
            library, watched, template="Tether", cancelled=stop.is_set, on_step=heard, look_every=0.05, tracker=tracker
        ))
    )
    watcher.start()
    try:
        frame(watched / "a.jpg", (10, 20, 30))
        frame(watched / "b.jpg", (200, 20, 30))
        assert arrived.wait(60)
    finally:
        stop.set()
        watcher.join(60)
    assert len(result["report"].photos) == 2
    with library.session() as session:
        assert sorted(p.caption for p in session.query(Photo)) == ["Studio frame 1", "Studio frame 2"]
