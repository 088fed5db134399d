"""Export site…: the whole library to a static site, in a worker, cancellable."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.library.database import Library
from workstation.library.settings import SiteSettings
from workstation.publish.preflight import ERROR, Finding, preflight

# Printing a picture after its licence ends is the one finding that can cost the paper money.
BLOCKING_KINDS = frozenset({"rights-expired"})


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that stop an export until the editor overrides them."""
    return [finding for finding in findings if finding.kind in BLOCKING_KINDS]


class PreflightDialog(QDialog):
    """What preflight found before the site goes out; expired rights hold the export until overridden."""

    def __init__(self, findings: list[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before the export")
        self.resize(760, 420)
        self.findings = findings
        held = blocking(findings)
        layout = QVBoxLayout(self)
        errors = sum(1 for finding in findings if finding.severity == ERROR)
        counts = [f"{n} {what}" for n, what in ((errors, "to fix"), (len(findings) - errors, "to check")) if n]
        summary = (
            f"Preflight found {len(findings)} problem{'s' if len(findings) != 1 else ''} "
            f"in the published pages ({', '.join(counts)})."
        )
        if held:
            summary += (
                f"\n{len(held)} photo use{'s' if len(held) != 1 else ''} with expired rights "
                "hold the export: replace the photos, renew the rights, or override below."
            )
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["", "Where", "Problem"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for finding in sorted(findings, key=lambda f: (f.kind not in BLOCKING_KINDS, f.severity != ERROR)):
            item = QTreeWidgetItem(["Error" if finding.severity == ERROR else "Warning", finding.subject, finding.message])
            item.setToolTip(2, finding.message)
            self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 280)
        layout.addWidget(self.table, 1)
        self.override = QCheckBox("Export anyway: the rights for these photos have been renewed or cleared")
        self.override.setVisible(bool(held))
        layout.addWidget(self.override)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setEnabled(not held)
        self.override.toggled.connect(self.export_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if blocking(self.findings) and not self.override.isChecked():
            return
        super().accept()


def preflight_allows_export(parent: QWidget, library: Library) -> bool:
    """Run preflight over the published pages; ask when it finds anything."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        with library.session() as session:
            findings = preflight(session, published_only=True)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if not findings:
        return True
    return PreflightDialog(findings, parent).exec() == QDialog.DialogCode.Accepted


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


class _ExportRelay(QObject):
    """Receives the worker's signals in the UI thread.

    The callbacks update the progress dialog and open message boxes, which
    only the UI thread may do; a plain function connected to a signal
    emitted in the worker thread would run in that thread and bring Qt down.
    """

    def __init__(
        self,
        on_progress: Callable[[int, int, str], None],
        on_finished: Callable[[object], None],
        on_failed: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._on_failed = on_failed

    @Slot(int, int, str)
    def progress(self, done: int, total: int, label: str) -> None:
        self._on_progress(done, total, label)

    @Slot(object)
    def finished(self, report: object) -> None:
        self._on_finished(report)

    @Slot(str)
    def failed(self, message: str) -> None:
        self._on_failed(message)


def choose_export_folder(parent: QWidget, suggested: Path) -> str:
    """Asks where the site goes, starting in ``suggested``.

    A folder chooser only accepts folders that exist, so a first export's
    suggestion ("<library>-site") would leave its Choose button greyed out;
    the suggestion is made for the question and removed again when the
    editor picks another folder or cancels and it is still empty.
    """
    made = False
    if not suggested.exists():
        try:
            suggested.mkdir(parents=True)
            made = True
        except OSError:
            pass
    folder = QFileDialog.getExistingDirectory(parent, "Export the site into…", str(suggested))
    if made and (not folder or Path(folder) != suggested) and not any(suggested.iterdir()):
        suggested.rmdir()
    return folder


def run_export(parent: QWidget, library: Library, site: SiteSettings) -> QThread | None:
    if not preflight_allows_export(parent, library):
        return None
    settings = QSettings()
    suggested = Path(str(settings.value("export/last_dir", library.path.parent / f"{library.path.stem}-site")))
    folder = choose_export_folder(parent, suggested)
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
        from workstation.publish.site import ExportReport

        summary = "\n".join([report.summary(), *report.warnings]) if isinstance(report, ExportReport) else ""
        answer = QMessageBox.question(parent, "Export finished", f"{summary}\n\nOpen the site in the browser?")
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(index)))

    def failed(message: str) -> None:
        cancelled = worker.cancelled.is_set()  # read first: closing a progress dialog emits canceled
        dialog.close()
        thread.quit()
        if cancelled:
            QMessageBox.information(parent, "Export cancelled", "The export was cancelled; nothing half-written was left.")
        else:
            QMessageBox.warning(parent, "Export failed", message)

    relay = _ExportRelay(progress, finished, failed, dialog)
    worker.progress.connect(relay.progress)
    worker.finished.connect(relay.finished)
    worker.failed.connect(relay.failed)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    parent._export = (worker, thread, dialog, relay)  # kept alive until the thread ends
    thread.start()
    return thread
