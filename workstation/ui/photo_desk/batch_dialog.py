"""Batch editing a selection: shared rights fields and a template for the caption or the alt texts.

Only ticked fields are written, so an editor can set the agency credit on a
whole shoot without touching its creators. Every field takes a click and
typing at once, and typing ticks its box: a field that needed its box ticked
first let the typed text fall on the focused checkbox instead, where a space
ticked the wrong field and Apply cleared it on the whole selection. Everything ticked is applied in
one transaction (``editing.photos.apply_batch``): a refused template or
value changes no photo at all. The result carries the undo record the desk
keeps for Edit ▸ Undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.photos import (
    BATCH_FIELDS,
    TEMPLATE_TARGETS,
    BatchApplied,
    NameCompletions,
    apply_batch,
    batch_form,
    data_mining_choices,
    source_type_choices,
    template_sample,
)
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.photos.templates import PLACEHOLDERS
from workstation.ui.code_expansion import CodeExpander

LABELS = {
    "creator": "Creator",
    "credit_line": "Credit line",
    "source": "Source",
    "copyright_notice": "Copyright notice",
    "usage_terms": "Usage terms",
    "web_statement": "Web statement",
    "licensor_url": "Licensor URL",
    "digital_source_type": "Source type",
    "data_mining": "Data mining",
    "keywords": "Keywords",
}
PLACEHOLDER_TEXT = {
    "web_statement": "https://… (rights page)",
    "licensor_url": "https://… (licensing page)",
    "keywords": "separated by semicolons",
}


class BatchEditDialog(QDialog):
    def __init__(
        self,
        library: Library,
        photo_ids: Sequence[int],
        parent: QWidget | None = None,
        names: NameCompletions | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._ids = list(photo_ids)
        self.setWindowTitle(f"Batch edit {len(self._ids)} photos")
        self.setMinimumWidth(760)
        form = batch_form(library, self._ids, names)
        self._sample = form.sample
        creators, credits = form.creators, form.credits
        self.applied: BatchApplied | None = None
        self.codes = CodeExpander(self)
        self.codes.set_codes(form.codes)

        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Ticked fields are written to all <b>{len(self._ids)}</b> selected photos; the rest are left as they are."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        rights = QGroupBox("Rights")
        grid = QGridLayout(rights)
        self.checks: dict[str, QCheckBox] = {}
        self.edits: dict[str, QLineEdit] = {}
        # Controlled vocabularies: chosen from a list, never typed.
        self.combos: dict[str, QComboBox] = {}
        choices = {"digital_source_type": source_type_choices(), "data_mining": data_mining_choices()}
        # Two columns of fields: in one, ten rows squeezed the editors flat on a 768-pixel screen.
        rows = (len(BATCH_FIELDS) + 1) // 2
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        for index, name in enumerate(BATCH_FIELDS):
            row, column = index % rows, 2 * (index // rows)
            check = QCheckBox(LABELS[name])
            grid.addWidget(check, row, column)
            self.checks[name] = check
            if name in choices:
                combo = QComboBox()
                for value, text in choices[name]:
                    combo.addItem(text, value)
                combo.activated.connect(lambda _i, c=check: c.setChecked(True))
                grid.addWidget(combo, row, column + 1)
                self.combos[name] = combo
                continue
            edit = QLineEdit()
            edit.setPlaceholderText(PLACEHOLDER_TEXT.get(name, ""))
            edit.textEdited.connect(lambda _t, c=check: c.setChecked(True))
            self.codes.attach(edit)
            grid.addWidget(edit, row, column + 1)
            self.edits[name] = edit
        for name, values in (("creator", creators), ("credit_line", credits)):
            completer = QCompleter(QStringListModel(values, self), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.edits[name].setCompleter(completer)
        layout.addWidget(rights)

        captions = QGroupBox("Template")
        box = QVBoxLayout(captions)
        target_row = QHBoxLayout()
        self.template_check = QCheckBox("Replace each photo's")
        self.target_combo = QComboBox()
        for value, text in TEMPLATE_TARGETS.items():
            self.target_combo.addItem(text, value)
        self.target_combo.activated.connect(lambda _i: self.template_check.setChecked(True))
        target_row.addWidget(self.template_check)
        target_row.addWidget(self.target_combo)
        target_row.addWidget(QLabel("with"))
        target_row.addStretch(1)
        self.template_edit = QLineEdit()
        self.template_edit.setPlaceholderText(
            "{city}, {country}, {date_taken:%d %B %Y}: {caption}"
        )
        self.template_edit.textEdited.connect(
            lambda _t: self.template_check.setChecked(True)
        )
        self.template_edit.textChanged.connect(self._update_sample)
        self.codes.attach(self.template_edit)
        help_text = ", ".join(
            f"<code>{{{name}}}</code> {meaning}"
            for name, meaning in PLACEHOLDERS.items()
        )
        variables = QLabel(f"Variables: {help_text}.")
        variables.setWordWrap(True)
        variables.setStyleSheet("color: palette(placeholder-text);")
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.sample_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addLayout(target_row)
        box.addWidget(self.template_edit)
        box.addWidget(variables)
        box.addWidget(self.sample_label)
        layout.addWidget(captions)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(f"Apply to {len(self._ids)} photos")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_sample()
        self.edits[BATCH_FIELDS[0]].setFocus()

    def _update_sample(self) -> None:
        template = self.template_edit.text()
        if self._sample is None or not template:
            self.sample_label.setText("")
            return
        try:
            text = template_sample(template, self._sample)
        except WorkstationError as exc:
            self.sample_label.setStyleSheet("color: #b3261e;")
            self.sample_label.setText(str(exc))
            return
        self.sample_label.setStyleSheet("")
        self.sample_label.setText(f"First photo becomes: {text}")

    def apply(self) -> None:
        changes = {
            name: self.edits[name].text() if name in self.edits else self.combos[name].currentData()
            for name, check in self.checks.items()
            if check.isChecked()
        }
        template = self.template_edit.text() if self.template_check.isChecked() else ""
        target = self.target_combo.currentData()
        if not changes and not template:
            self.error_label.setText("Tick at least one field to apply.")
            return
        try:
            self.applied = apply_batch(self._library, self._ids, changes, template, target)
        except WorkstationError as exc:
            self.error_label.setText(f"Nothing was changed: {exc}")
            return
        self.accept()
