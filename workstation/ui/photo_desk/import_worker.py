"""Importing photo files without ever stalling the UI.

The worker thread only lists the files and relays messages: the decoding
and storing happen in a child process (``ingest_process``), so they never
compete with the UI thread for the GIL. Each file is stored in its own
transaction, so a refused file never touches the library and a cancelled
import keeps the photos that already landed. The UI only receives signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.library.import_sources import IMAGES_ONLY, expand_paths
from workstation.photos.ingest import DEFAULT_MAX_PIXELS
from workstation.ui.photo_desk.ingest_process import import_context, import_files


class ImportWorker(QThread):
    """Imports ``paths`` (files and folders) into ``library`` on its own thread.

    Files are decoded a few at a time ahead of the one being stored, in a
    child process; ``max_pixels`` refuses decompression bombs.

    Signals, all delivered to the thread that created the worker:
    ``progress(done, total, filename)``; ``photo_imported(photo_id, is_new)``
    for every file that landed or was already in the library;
    ``refused(filename, reason)``; ``finished_import(ImportReport)`` once at the end.
    """

    progress = Signal(int, int, str)
    photo_imported = Signal(int, bool)
    refused = Signal(str, str)
    finished_import = Signal(object)

    def __init__(
        self,
        library: Library,
        paths: Iterable[Path],
        max_pixels: int = DEFAULT_MAX_PIXELS,
        parent: object = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._max_pixels = max_pixels
        self._paths = [Path(p) for p in paths]
        self._stop = import_context().Event()
        self.report = ImportReport()

    def cancel(self) -> None:
        """Stop after the file in hand; photos already imported stay."""
        self._stop.set()

    def run(self) -> None:
        report = self.report
        files = expand_paths(self._paths, report, IMAGES_ONLY).images
        for refusal in report.refused:
            self.refused.emit(refusal.name, refusal.reason)
        report.total = len(files)
        try:
            if self._library.readonly:
                for path in files:
                    self._refuse(report, path, "the library is open read-only")
            elif files:
                self._run_child(files, report)
        finally:
            self.finished_import.emit(report)

    def _run_child(self, files: list[Path], report: ImportReport) -> None:
        context = import_context()
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=import_files,
            args=(
                str(self._library.path),
                [str(f) for f in files],
                self._max_pixels,
                sender,
                self._stop,
            ),
            name="workstation-photo-import",
        )
        self.progress.emit(0, len(files), files[0].name)
        try:
            child.start()
        except OSError as exc:
            for path in files:
                self._refuse(report, path, f"the importer could not be started ({exc})")
            receiver.close()
            return
        finally:
            sender.close()
        processed = 0
        finished = False
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    break
                kind = message[0]
                if kind == "landed":
                    _kind, name, photo_id, is_new = message
                    if is_new:
                        report.photos.append(photo_id)
                    else:
                        report.duplicates.append((files[processed], photo_id))
                    report.photo_ids.append(photo_id)
                    report.landed += 1
                    self.photo_imported.emit(photo_id, is_new)
                elif kind == "refused":
                    self._refuse(report, files[processed], message[2])
                elif kind == "failed":
                    for path in files:
                        self._refuse(report, path, message[1])
                    finished = True
                    break
                elif kind == "finished":
                    report.cancelled = bool(message[1])
                    finished = True
                    break
                if kind in ("landed", "refused"):
                    processed += 1
                    self.progress.emit(processed, len(files), message[1])
        finally:
            receiver.close()
            child.join()
        if not finished:
            for path in files[processed:]:
                self._refuse(report, path, f"the importer stopped unexpectedly (exit code {child.exitcode})")

    def _refuse(self, report: ImportReport, path: Path, reason: str) -> None:
        report.refuse(path, reason)
        self.refused.emit(report.refused[-1].name, reason)
