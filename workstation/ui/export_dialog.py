"""Export site…: the whole library to a static site, in a worker, cancellable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
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

from workstation.editing.exports import BLOCKING_KINDS, blocking, export_findings
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.publishing import held_line
from workstation.library.settings import SiteSettings
from workstation.publish.preflight import ERROR, Finding
from workstation.publish.site import ExportReport, export_site
from workstation.ui.jobs import Job, runner


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
        findings = export_findings(library)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if not findings:
        return True
    return PreflightDialog(findings, parent).exec() == QDialog.DialogCode.Accepted


def export_site_job(library: Library, outdir: Path, base_url: str | None) -> Callable[[Job], ExportReport]:
    """The export as a job: progress goes to the dialog, cancel is checked between pages."""

    def work(job: Job) -> ExportReport:
        return export_site(
            library,
            outdir,
            base_url=base_url,
            progress=lambda done, total, label: job.progress((done, total, label)),
            cancel=job.cancelled,
        )

    return work


def failure_message(error: BaseException) -> str:
    """What the user reads when the export stopped."""
    if isinstance(error, WorkstationError):
        return str(error)
    return f"the export stopped: {error}"


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


def run_export(parent: QWidget, library: Library, site: SiteSettings) -> Job | None:
    if not preflight_allows_export(parent, library):
        return None
    settings = QSettings()
    folder = library.path.parent if library.path is not None else Path.home()
    suggested = Path(str(settings.value("export/last_dir", folder / f"{library.name}-site")))
    folder = choose_export_folder(parent, suggested)
    if not folder:
        return None
    outdir = Path(folder)
    dialog = QProgressDialog("Preparing the export…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Export site")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(step: tuple[int, int, str]) -> None:
        done, total, label = step
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(label)

    def finished(report: ExportReport) -> None:
        dialog.close()
        # Only a folder that took the site is offered next time, not one the export refused.
        settings.setValue("export/last_dir", str(outdir))
        index = outdir / "index.html"
        summary = "\n".join([report.summary(), *report.warnings, *(held_line(*held) for held in report.held)])
        answer = QMessageBox.question(parent, "Export finished", f"{summary}\n\nOpen the site in the browser?")
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(index)))

    def failed(error: BaseException) -> None:
        cancelled = job.cancelled()  # read first: closing a progress dialog emits canceled
        dialog.close()
        if cancelled:
            QMessageBox.information(parent, "Export cancelled", "The export was cancelled; nothing half-written was left.")
        else:
            QMessageBox.warning(parent, "Export failed", failure_message(error))

    job = runner().start(
        export_site_job(library, outdir, site.base_url or None),
        on_done=finished,
        on_error=failed,
        on_progress=progress,
        owner=parent,
        name="export site",
        writes=True,
    )
    dialog.canceled.connect(job.cancel)
    return job
