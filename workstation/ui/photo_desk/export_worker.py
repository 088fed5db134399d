"""Exporting originals for a wire or a partner, off the UI thread.

Each file is written by ``save_export``: never half-written, never over an
existing file (a number is added) and never through a planted link.
GPS goes only when the editor ticked "keep GPS position".
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from workstation.errors import WorkstationError, os_reason
from workstation.library.database import Library
from workstation.library.photo_queries import get_photo
from workstation.library.photos import load_original, rights_of
from workstation.photos.originals import export_original, save_export


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


class ExportWorker(QThread):
    """Writes the originals of ``photo_ids`` to ``folder`` with their records' rights."""

    progress = Signal(int, int, str)
    finished_export = Signal(object)

    def __init__(
        self,
        library: Library,
        photo_ids: Sequence[int],
        folder: Path,
        keep_gps: bool = False,
        parent: object = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._ids = list(photo_ids)
        self._folder = Path(folder)
        self._keep_gps = keep_gps
        self._cancel = threading.Event()
        self.report = ExportReport()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        taken: set[str] = set()
        try:
            for done, photo_id in enumerate(self._ids):
                if self._cancel.is_set():
                    self.report.cancelled = True
                    break
                self.progress.emit(done, len(self._ids), "")
                self._export_one(photo_id, taken)
        finally:
            self.progress.emit(len(self._ids), len(self._ids), "")
            self.finished_export.emit(self.report)

    def _export_one(self, photo_id: int, taken: set[str]) -> None:
        name = f"photo {photo_id}"
        try:
            with self._library.session() as session:
                photo = get_photo(session, photo_id)
                name = photo.original_filename or name
                rights = rights_of(photo)
                original = load_original(session, photo_id)
            data = export_original(original, rights, keep_gps=self._keep_gps)
            target = save_export(self._folder, photo.original_filename, photo_id, data, taken)
        except WorkstationError as exc:
            self.report.failed.append((name, str(exc)))
            return
        except OSError as exc:
            self.report.failed.append((name, f"cannot be written ({os_reason(exc)})"))
            return
        self.report.written.append(target)
