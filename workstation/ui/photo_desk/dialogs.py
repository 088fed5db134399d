"""The desk's small dialogs: what an import did, and where originals go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.library.import_report import ImportReport
from workstation.regular_files import printable_name


class ImportResultDialog(QDialog):
    """Every file that did not simply land, and why; the rest are in the grid."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Photo import finished")
        self.resize(760, 400)
        layout = QVBoxLayout(self)
        summary = QLabel(report.photo_summary() + ".")
        summary.setStyleSheet("font-weight: 600;")
        layout.addWidget(summary)
        if report.refused:
            note = QLabel(
                "Refused files were not added; the library is unchanged for them."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["File", "Result"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setColumnWidth(0, 220)
        for refusal in report.refused:
            item = QTreeWidgetItem([refusal.name, f"Refused: {refusal.reason}"])
            item.setToolTip(1, refusal.reason)
            self.tree.addTopLevelItem(item)
        for path, photo_id in report.duplicates:
            self.tree.addTopLevelItem(
                QTreeWidgetItem([printable_name(path), f"Already in the library (photo {photo_id})"])
            )
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.tree.topLevelItem(i).text(0), self.tree.topLevelItem(i).text(1))
            for i in range(self.tree.topLevelItemCount())
        ]


class ExportOriginalsDialog(QDialog):
    """Where to write the originals, and whether their GPS position may go with them."""

    def __init__(
        self, count: int, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export {count} original{'s' if count != 1 else ''}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Writes each photo as a JPEG with caption, creator, credit, copyright and usage terms "
            "from its record in IPTC and XMP, for a wire or a partner."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(folder) if folder else "")
        self.folder_edit.setPlaceholderText("Folder to write to")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.gps_check = QCheckBox("Keep GPS position")
        self.gps_check.setToolTip(
            "Off by default: a position can reveal where a photographer or a source is"
        )
        layout.addWidget(self.gps_check)
        warning = QLabel(
            "GPS positions are removed unless ticked: they can reveal where a photographer or source is."
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(warning)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Export originals to", self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def _accept(self) -> None:
        if not self.folder_edit.text().strip():
            self.error_label.setText("Choose a folder to write to.")
            return
        if not self.folder().is_dir():
            self.error_label.setText(f"{self.folder()} is not a folder.")
            return
        self.accept()
