"""Stands in for the app in the acknowledged-write torture test; it is killed with SIGKILL at a random moment.

It opens the library as the app does (holding its lock), and while one
thread keeps opening and closing descriptors on the library file (what a
file dialog or a header check does) and another keeps importing photos
through the app-side writer (a helper process decodes them), the main loop
makes one kind of write after another through the application layer. A
write is acknowledged, by a line in the side file, only after the call
returned: that is the moment the app shows "Saved". A write refused
because the journal was found deleted (``WalUnlinked``) is logged as
"unlinked" instead.

Usage: acknowledged_writer.py LIBRARY ACK_LOG SCENARIO SEED WORK_FOLDER
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from PIL import Image

from workstation.editing.articles import open_article, save_article
from workstation.editing.authors import save_profile
from workstation.editing.imports import ImportStep, import_photos
from workstation.editing.photos import apply_batch, save_photo_fields, set_focal_point
from workstation.editing.settings import save_site_settings, site_settings
from workstation.errors import WalUnlinked, WorkstationError
from workstation.library.database import Library, open_library
from workstation.library.lock import LibraryLock

# Every write path, one per scenario; "import" only imports, "mixed" takes turns at all of them.
SCENARIOS = ("article", "photo_field", "batch", "focal", "import", "author", "settings", "mixed")


class Acknowledgements:
    """The side file: one line per write whose call returned, flushed before the next write starts."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def __call__(self, *words: object) -> None:
        with self._lock:
            self._stream.write(" ".join(str(word) for word in words) + "\n")
            self._stream.flush()


def article_write(library: Library, seq: int) -> tuple[object, ...]:
    shown = replace(open_article(library, 1).state, body=f"Paragraph written at seq {seq}.", headline=f"Headline {seq}")
    save_article(library, 1, shown)
    return ("article", 1, seq)


def photo_field_write(library: Library, seq: int) -> tuple[object, ...]:
    photo_id = 1 + seq % 3
    save_photo_fields(library, photo_id, {"caption": f"seq {seq}"})
    return ("photo_field", photo_id, seq)


def batch_write(library: Library, seq: int) -> tuple[object, ...]:
    apply_batch(library, [1, 2, 3], {"credit_line": f"seq {seq}"})
    return ("batch", "1,2,3", seq)


def focal_write(library: Library, seq: int) -> tuple[object, ...]:
    set_focal_point(library, 1, seq / 1_000_000, 0.5)
    return ("focal", 1, seq)


def author_write(library: Library, seq: int) -> tuple[object, ...]:
    save_profile(library, 1, {"bio": f"seq {seq}"})
    return ("author", 1, seq)


def settings_write(library: Library, seq: int) -> tuple[object, ...]:
    save_site_settings(library, replace(site_settings(library), site_name=f"seq {seq}"))
    return ("settings", "site_name", seq)


WRITES: dict[str, Callable[[Library, int], tuple[object, ...]]] = {
    "article": article_write,
    "photo_field": photo_field_write,
    "batch": batch_write,
    "focal": focal_write,
    "author": author_write,
    "settings": settings_write,
}


def touch_descriptors(path: Path, stop: threading.Event) -> None:
    """Open and close the library file, as Qt, a drag or a header check would."""
    while not stop.is_set():
        with open(path, "rb") as handle:
            handle.read(100)
        time.sleep(0.01)


def keep_importing(library: Library, folder: Path, ack: Acknowledgements, seed: int, stop: threading.Event) -> None:
    """Import two new photos at a time through the app-side writer; each landed photo is acknowledged."""
    rng = random.Random(seed)
    batch = 0
    while not stop.is_set():
        batch += 1
        files = []
        for n in range(2):
            path = folder / f"import-{batch}-{n}.jpg"
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            Image.new("RGB", (320, 240), colour).save(path, "JPEG")
            files.append(path)

        def landed(step: ImportStep) -> None:
            if step.photo_id is not None:
                ack("import", step.photo_id, step.filename)

        import_photos(library, files, on_step=landed)


def main(library_path: Path, log_path: Path, scenario: str, seed: int, folder: Path) -> None:
    lock = LibraryLock(library_path)
    if not lock.acquire():
        raise SystemExit("the library is locked")
    library = open_library(library_path)
    stop = threading.Event()
    with open(log_path, "a", encoding="utf-8") as stream:
        ack = Acknowledgements(stream)
        threading.Thread(target=touch_descriptors, args=(library_path, stop), daemon=True).start()
        threading.Thread(target=keep_importing, args=(library, folder, ack, seed, stop), daemon=True).start()
        print("ready", flush=True)
        rng = random.Random(seed)
        kinds = list(WRITES) if scenario == "mixed" else [scenario] if scenario in WRITES else []
        seq = 0
        while not kinds:
            time.sleep(1)
        while True:
            seq += 1
            kind = rng.choice(kinds)
            try:
                acknowledged = WRITES[kind](library, seq)
            except WalUnlinked:
                ack("unlinked", kind, seq)
                time.sleep(0.05)
                continue
            except WorkstationError as exc:
                print(f"refused: {exc}", file=sys.stderr, flush=True)
                time.sleep(0.05)
                continue
            ack(*acknowledged)
            time.sleep(rng.uniform(0.002, 0.02))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
