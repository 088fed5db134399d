"""Importing photo files off the UI thread.

Each file is decoded and stored in its own transaction on the worker's own
session, so a refused file never touches the library and a cancelled
import keeps the photos that already landed. The UI only receives signals.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_file

# What a dropped folder contributes; files dropped one by one are all tried.
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".heif"}
)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file given, and the images inside each folder (recursively, sorted)."""
    files: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in IMAGE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
        else:
            found = [path]
        for item in found:
            if item not in seen:
                seen.add(item)
                files.append(item)
    return files


@dataclass
class ImportReport:
    """What happened to every file of one import."""

    imported: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0

    @property
    def photo_ids(self) -> list[int]:
        """Every photo the files ended up as, new or already there, in file order."""
        return [*self.imported, *(photo_id for _name, photo_id in self.duplicates)]


class ImportWorker(QThread):
    """Imports ``paths`` (files and folders) into ``library`` on its own thread.

    Signals, all delivered to the thread that created the worker:
    ``progress(done, total, filename)``; ``photo_imported(photo_id, is_new)``
    for every file that landed or was already in the library;
    ``refused(filename, reason)``; ``finished_import(ImportReport)`` once at the end.
    """

    progress = Signal(int, int, str)
    photo_imported = Signal(int, bool)
    refused = Signal(str, str)
    finished_import = Signal(object)

    def __init__(self, library: Library, paths: Iterable[Path], parent: object = None) -> None:
        super().__init__(parent)
        self._library = library
        self._paths = [Path(p) for p in paths]
        self._cancel = threading.Event()
        self.report = ImportReport()

    def cancel(self) -> None:
        """Stop after the file in hand; photos already imported stay."""
        self._cancel.set()

    def run(self) -> None:
        report = self.report
        processed = 0
        try:
            files = expand_paths(self._paths)
            report.total = len(files)
            for path in files:
                if self._cancel.is_set():
                    report.cancelled = True
                    break
                self.progress.emit(processed, len(files), path.name)
                self._import_one(path, report)
                processed += 1
        except OSError as exc:
            report.refused.append(("(folder)", f"cannot be read ({exc.strerror or exc})"))
        finally:
            self.progress.emit(processed, report.total, "")
            self.finished_import.emit(report)

    def _refuse(self, report: ImportReport, name: str, reason: str) -> None:
        report.refused.append((name, reason))
        self.refused.emit(name, reason)

    def _import_one(self, path: Path, report: ImportReport) -> None:
        try:
            image = ingest_file(path)
            with self._library.transaction() as session:
                photo, is_new = add_photo(session, image)
                photo_id = photo.id
        except WorkstationError as exc:
            reason = str(exc)
            prefix = f"{path.name}: "
            self._refuse(report, path.name, reason[len(prefix):] if reason.startswith(prefix) else reason)
            return
        except OSError as exc:
            self._refuse(report, path.name, f"cannot be read ({exc.strerror or exc})")
            return
        except Exception as exc:  # noqa: BLE001 - one bad file must not end the whole import
            self._refuse(report, path.name, f"could not be stored ({type(exc).__name__}: {exc})")
            return
        if is_new:
            report.imported.append(photo_id)
        else:
            report.duplicates.append((path.name, photo_id))
        self.photo_imported.emit(photo_id, is_new)
