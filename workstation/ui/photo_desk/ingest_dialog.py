"""The import dialog (source, ingest template, live ingest) and the ingest template editor.

As Photo Mechanic's Ingest window: choose files or a folder, the metadata
template filled into every new photo, and whether to keep watching the
folder for frames still to come. Templates are stored in the library
(``editing.ingest_setup``); each field has a tick, a value (variables and
``=codes=`` allowed) and "replace" or "append".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.ingest_setup import (
    codes,
    ingest_templates,
    remove_template,
    store_template,
    template_fields,
)
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.ingest_templates import APPEND, REPLACE
from workstation.library.photo_queries import FIELD_LABELS
from workstation.photos.templates import PLACEHOLDERS
from workstation.ui.code_expansion import CodeExpander

NO_TEMPLATE = "No template"


class IngestDialog(QDialog):
    """Where to import from, with which template, and whether to keep watching."""

    def __init__(
        self, library: Library, import_filter: str, template: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._filter = import_filter
        self.paths: list[Path] = []
        self.template_dialog: TemplateDialog | None = None
        self.setWindowTitle("Import photos")
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(QLabel("From:"), 0, 0)
        self.source_label = QLabel("Nothing chosen yet")
        self.source_label.setWordWrap(True)
        grid.addWidget(self.source_label, 0, 1)
        # Return on a fresh dialog chooses files, and once they are chosen it imports them:
        # File > Import photos is then Ctrl+Shift+I, Return, pick, Return, Return.
        self.files_button = files = QPushButton("Files…")
        files.clicked.connect(self._choose_files)
        folder = QPushButton("Folder…")
        folder.setToolTip("A card, a camera's folder, or any folder of photos (subfolders too)")
        folder.clicked.connect(self._choose_folder)
        sources = QHBoxLayout()
        sources.addWidget(files)
        sources.addWidget(folder)
        grid.addLayout(sources, 0, 2)
        grid.addWidget(QLabel("Template:"), 1, 0)
        self.template_combo = QComboBox()
        self.template_combo.setToolTip("Metadata filled into every new photo as it lands")
        grid.addWidget(self.template_combo, 1, 1)
        edit = QPushButton("Templates…")
        edit.clicked.connect(self.open_templates)
        grid.addWidget(edit, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.watch_check = QCheckBox("Then keep watching the folder and import new photos as they arrive (live ingest)")
        self.watch_check.setEnabled(False)
        layout.addWidget(self.watch_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fill_templates(template)
        self._update()

    def fill_templates(self, chosen: str = "") -> None:
        chosen = chosen or self.template_name()
        self.template_combo.clear()
        self.template_combo.addItem(NO_TEMPLATE, "")
        for template in ingest_templates(self._library):
            self.template_combo.addItem(template.name, template.name)
        index = self.template_combo.findData(chosen)
        self.template_combo.setCurrentIndex(max(0, index))

    def template_name(self) -> str:
        return self.template_combo.currentData() or ""

    def set_paths(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self._update()

    def watched_folder(self) -> Path | None:
        """The folder to keep watching, when one folder is the source and the box is ticked."""
        if self.watch_check.isChecked() and len(self.paths) == 1 and self.paths[0].is_dir():
            return self.paths[0]
        return None

    def _update(self) -> None:
        one_folder = len(self.paths) == 1 and self.paths[0].is_dir()
        if not self.paths:
            self.source_label.setText("Nothing chosen yet")
        elif one_folder:
            self.source_label.setText(str(self.paths[0]))
        else:
            self.source_label.setText(f"{len(self.paths)} files, first {self.paths[0].name}")
        self.watch_check.setEnabled(one_folder)
        if not one_folder:
            self.watch_check.setChecked(False)
        import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        import_button.setEnabled(bool(self.paths))
        ready = import_button if self.paths else self.files_button
        ready.setDefault(True)
        ready.setFocus()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Choose photos to import", "", self._filter)
        if names:
            self.set_paths([Path(name) for name in names])

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Choose a folder of photos to import")
        if name:
            self.set_paths([Path(name)])

    def open_templates(self) -> None:
        self.template_dialog = TemplateDialog(self._library, self.template_name(), self)
        self.template_dialog.finished.connect(lambda _r: self.fill_templates(self.template_dialog.name()))
        self.template_dialog.open()


class TemplateDialog(QDialog):
    """Make, change and delete ingest templates."""

    def __init__(self, library: Library, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.setWindowTitle("Ingest templates")
        self.setMinimumWidth(720)
        self.expander = CodeExpander(self)
        self.expander.set_codes(codes(library))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Template:"))
        self.name_combo = QComboBox()
        self.name_combo.setEditable(True)
        self.name_combo.setToolTip("Pick one to change it, or type a new name")
        self.name_combo.currentIndexChanged.connect(lambda _i: self._show(self.name_combo.currentText()))
        top.addWidget(self.name_combo, 1)
        layout.addLayout(top)
        intro = QLabel(
            "Ticked fields are filled into every photo imported with this template: <i>Replace</i> puts the value "
            "instead of what the file says, <i>Append</i> adds it after. Variables: "
            + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            + ". Codes such as =kv= become their text."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.checks: dict[str, QCheckBox] = {}
        self.values: dict[str, QLineEdit] = {}
        self.modes: dict[str, QComboBox] = {}
        for row, field in enumerate(template_fields()):
            check = QCheckBox(FIELD_LABELS[field].capitalize())
            value = QLineEdit()
            value.textEdited.connect(lambda _t, c=check: c.setChecked(True))
            self.expander.attach(value)
            mode = QComboBox()
            mode.addItem("Replace", REPLACE)
            mode.addItem("Append", APPEND)
            grid.addWidget(check, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(mode, row, 2)
            self.checks[field], self.values[field], self.modes[field] = check, value, mode
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.delete_button = buttons.addButton("Delete", QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._templates = {t.name: t for t in ingest_templates(library)}
        self._fill_names(name)

    def name(self) -> str:
        return self.name_combo.currentText().strip()

    def _fill_names(self, chosen: str) -> None:
        self.name_combo.blockSignals(True)
        self.name_combo.clear()
        self.name_combo.addItems(sorted(self._templates))
        self.name_combo.setCurrentText(chosen or next(iter(sorted(self._templates)), ""))
        self.name_combo.blockSignals(False)
        self._show(self.name())

    def _show(self, name: str) -> None:
        template = self._templates.get(name)
        for field in template_fields():
            entry = template.fields.get(field) if template else None
            self.checks[field].setChecked(entry is not None)
            self.values[field].setText(entry.value if entry else "")
            self.modes[field].setCurrentIndex(1 if entry and entry.mode == APPEND else 0)

    def fields(self) -> dict[str, dict[str, str]]:
        return {
            field: {"value": self.values[field].text(), "mode": self.modes[field].currentData()}
            for field in template_fields()
            if self.checks[field].isChecked()
        }

    def save(self) -> bool:
        try:
            template = store_template(self._library, self.name(), self.fields())
        except WorkstationError as exc:
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(f"Not saved: {exc}")
            return False
        self._templates[template.name] = template
        self._fill_names(template.name)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.setText(f"Saved “{template.name}”.")
        return True

    def delete(self) -> None:
        name = self.name()
        if name in self._templates:
            remove_template(self._library, name)
            del self._templates[name]
            self._fill_names("")
            self.status.setText(f"Deleted “{name}”.")
