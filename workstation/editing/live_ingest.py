"""Live ingest: a watched folder (a card reader, a tethered camera's folder) imported as frames arrive.

A camera or a copy writes a file over some time, so a file is taken only
once it is finished: seen at the same size and modification time by two
looks in a row (``ArrivalTracker``). Each finished batch goes through the
one import pipeline (``editing.imports.import_photos``) with the chosen
ingest template, decoded on this process's threads (``decode_here``), and
every stored photo is reported as it lands so the grid can show it at once.
Files already there when the watch starts are left to an ordinary import.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workstation.editing.imports import ImportStep, decode_here, import_photos
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.library.ingest_templates import get_template
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, IMAGE_SUFFIXES

# How often the folder is looked at: a finished file is taken on the second look that finds it unchanged.
LOOK_EVERY_S = 0.1
# Card folders nest (DCIM/100CANON/IMG_0001.JPG); deeper trees are not a camera's.
MAX_DEPTH = 3


@dataclass
class ArrivalTracker:
    """Which image files under ``folder`` are new and finished being written."""

    folder: Path
    # Files already taken (or there at the start), by path.
    taken: set[Path] = field(default_factory=set)
    # What the last look saw of each file not yet taken: (size, modification time).
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def starting_now(cls, folder: Path) -> ArrivalTracker:
        """A tracker that ignores the images already in ``folder``."""
        tracker = cls(Path(folder))
        tracker.taken = set(tracker._listing())
        return tracker

    def look(self) -> list[Path]:
        """The files finished since the last look, in name order; each is returned once."""
        listing = self._listing()
        ready = []
        for path, state in listing.items():
            if path in self.taken:
                continue
            if state[0] > 0 and self.seen.get(path) == state:
                ready.append(path)
                self.taken.add(path)
                self.seen.pop(path, None)
            else:
                self.seen[path] = state
        for gone in set(self.seen) - set(listing):
            del self.seen[gone]
        return sorted(ready)

    def _listing(self) -> dict[Path, tuple[int, int]]:
        found: dict[Path, tuple[int, int]] = {}
        folders = [(self.folder, 0)]
        while folders:
            folder, depth = folders.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if depth + 1 < MAX_DEPTH:
                            folders.append((Path(entry.path), depth + 1))
                    elif entry.is_file() and Path(entry.name).suffix.lower() in IMAGE_SUFFIXES:
                        stat = entry.stat()
                        found[Path(entry.path)] = (stat.st_size, stat.st_mtime_ns)
                except OSError:
                    continue
        return found


def check_watch(library: Library, folder: Path, template: str = "") -> None:
    """Refuse a watch that cannot work (no such folder, unknown template) before it starts."""
    if not Path(folder).is_dir():
        raise ValidationError(f"{folder}: not a folder that can be watched")
    if template:
        with library.session() as session:
            get_template(session, template)


def watch_folder(
    library: Library,
    folder: Path,
    *,
    template: str = "",
    cancelled: Callable[[], bool],
    on_step: Callable[[ImportStep], None] = lambda _step: None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    look_every: float = LOOK_EVERY_S,
    tracker: ArrivalTracker | None = None,
) -> ImportReport:
    """Import new files arriving in ``folder`` until ``cancelled``; the report covers the whole watch.

    ``{seq}`` keeps counting across the batches of one watch. ``tracker``
    is one made earlier, when the files to leave alone were listed.
    """
    check_watch(library, folder, template)
    tracker = tracker or ArrivalTracker.starting_now(folder)
    whole = ImportReport()
    while not cancelled():
        ready = tracker.look()
        if ready:
            report = import_photos(
                library, ready, max_pixels=max_pixels, cancelled=cancelled, on_step=on_step,
                decode=decode_here, template=template, first_seq=len(whole.photos) + 1,
            )
            _add(whole, report)
        time.sleep(look_every)
    return whole


def _add(whole: ImportReport, batch: ImportReport) -> None:
    whole.photos += batch.photos
    whole.duplicates += batch.duplicates
    whole.photo_ids += batch.photo_ids
    whole.refused += batch.refused
    whole.total += batch.total
    whole.landed += batch.landed
