"""Earlier versions of a photo's or an author's fields, kept when a save lost a conflict: see one, put it back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.kept_versions import KeptVersion, kept_versions, restore_kept
from workstation.errors import WorkstationError
from workstation.library.database import Library


class KeptVersionsDialog(QDialog):
    """The kept versions of one photo or author, newest first; "Restore" puts the chosen one back (``restored`` then holds its values)."""

    def __init__(self, library: Library, kind: str, row_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Earlier versions")
        self.library = library
        self.restored: dict | None = None
        self.versions: list[KeptVersion] = kept_versions(library, kind, row_id)
        self.list = QListWidget(self)
        for version in self.versions:
            self.list.addItem(QListWidgetItem(version.summary()))
        self.shown = QPlainTextEdit(self)
        self.shown.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        self.list.currentRowChanged.connect(self._show)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Text kept when a save met someone else's change. Restoring keeps what it replaces.", self))
        layout.addWidget(self.list)
        layout.addWidget(self.shown, 1)
        layout.addWidget(buttons)
        self.resize(560, 380)
        if self.versions:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        self.restore_button.setEnabled(row >= 0)
        if row < 0:
            self.shown.clear()
            return
        fields = self.versions[row].fields
        self.shown.setPlainText("\n\n".join(f"{name.replace('_', ' ')}:\n{value}" for name, value in fields.items()))

    def restore(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        try:
            self.restored = restore_kept(self.library, self.versions[row].id)
        except WorkstationError as exc:
            QMessageBox.warning(self, "Not restored", str(exc))
            return
        self.accept()
