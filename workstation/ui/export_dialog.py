"""Export site…: the whole library to a static site, in a worker, cancellable."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from workstation.library.database import Library
from workstation.library.settings import SiteSettings


class ExportWorker(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Library, outdir: Path, base_url: str | None) -> None:
        super().__init__()
        self.library = library
        self.outdir = outdir
        self.base_url = base_url
        self.cancelled = threading.Event()

    def run(self) -> None:
        from workstation.errors import WorkstationError
        from workstation.publish.site import export_site

        try:
            report = export_site(
                self.library,
                self.outdir,
                base_url=self.base_url,
                progress=lambda done, total, label: self.progress.emit(done, total, label),
                cancel=self.cancelled.is_set,
            )
        except WorkstationError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # shown to the user, never a silent dead thread
            self.failed.emit(f"the export stopped: {exc}")
            return
        self.finished.emit(report)


def run_export(parent: QWidget, library: Library, site: SiteSettings) -> QThread | None:
    settings = QSettings()
    start = str(settings.value("export/last_dir", str(library.path.parent / f"{library.path.stem}-site")))
    folder = QFileDialog.getExistingDirectory(parent, "Export the site into…", start)
    if not folder:
        return None
    outdir = Path(folder)
    settings.setValue("export/last_dir", str(outdir))
    dialog = QProgressDialog("Preparing the export…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Export site")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = ExportWorker(library, outdir, site.base_url or None)
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    dialog.canceled.connect(worker.cancelled.set)

    def progress(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(label)

    def finished(report: object) -> None:
        dialog.close()
        thread.quit()
        index = outdir / "index.html"
        summary = str(report) if report is not None else ""
        answer = QMessageBox.question(
            parent,
            "Export finished",
            f"The site is in {outdir}.\n{summary}\n\nOpen it in the browser?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(index)))

    def failed(message: str) -> None:
        dialog.close()
        thread.quit()
        if worker.cancelled.is_set():
            QMessageBox.information(parent, "Export cancelled", "The export was cancelled; nothing half-written was left.")
        else:
            QMessageBox.warning(parent, "Export failed", message)

    worker.progress.connect(progress)
    worker.finished.connect(finished)
    worker.failed.connect(failed)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    parent._export = (worker, thread, dialog)  # kept alive until the thread ends
    thread.start()
    return thread
