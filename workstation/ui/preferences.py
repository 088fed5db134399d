"""Preferences: the library's house settings, and this computer's theme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.content.spelling import available_languages
from workstation.editing.settings import checked_settings, credit_sample, data_mining_defaults, save_site_settings
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.settings import SiteSettings
from workstation.publish.caches import keeps_no_outside_caches, set_keep_no_outside_caches
from workstation.ui.theme import THEMES, apply_theme, remember_theme, stored_theme


class PreferencesDialog(QDialog):
    def __init__(self, library: Library, site: SiteSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.library = library
        self.saved = site
        self.site_name = QLineEdit(site.site_name)
        self.base_url = QLineEdit(site.base_url)
        self.base_url.setPlaceholderText("https://news.example.org/")
        self.credit_style = QLineEdit(site.credit_style)
        self.credit_sample = QLabel()
        self.credit_sample.setObjectName("hint")
        self.credit_sample.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.credit_sample.setWordWrap(True)  # a long sample wraps instead of widening the dialog per keystroke
        self.credit_sample.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.words_per_minute = QSpinBox()
        self.words_per_minute.setRange(100, 600)
        self.words_per_minute.setValue(site.words_per_minute)
        self.words_per_minute.setSuffix(" words a minute")
        self.languages = QListWidget()
        self.languages.setMaximumHeight(120)
        chosen = {tag.strip() for tag in site.spell_languages.split(",") if tag.strip()}
        for tag in sorted(set(available_languages()) | chosen):
            item = QListWidgetItem(tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if tag in chosen else Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        self.data_mining = QComboBox()
        self.data_mining.setToolTip(
            "Written into every exported image (PLUS Data Mining) unless the photo says otherwise"
        )
        for value, text in data_mining_defaults():
            self.data_mining.addItem(text, value)
        if self.data_mining.findData(site.data_mining) < 0:
            self.data_mining.addItem(site.data_mining, site.data_mining)
        self.data_mining.setCurrentIndex(self.data_mining.findData(site.data_mining))
        self.no_outside_caches = QCheckBox("Keep no caches outside the library")
        self.no_outside_caches.setToolTip(
            "Photo renditions are then made afresh for every export, and none are kept in your cache folder"
        )
        self.no_outside_caches.setChecked(keeps_no_outside_caches(library))
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem({"system": "Follow the system", "light": "Light", "dark": "Dark"}[theme], theme)
        self.theme.setCurrentIndex(max(self.theme.findData(stored_theme()), 0))
        self.error = QLabel()
        self.error.setObjectName("hint")
        self.error.setProperty("error", True)
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Site name", self.site_name)
        form.addRow("Base URL", self.base_url)
        form.addRow("House credit style", self.credit_style)
        form.addRow("", self.credit_sample)
        form.addRow("Photo data mining", self.data_mining)
        form.addRow("Reading speed", self.words_per_minute)
        form.addRow("Spell-check languages", self.languages)
        form.addRow("Appearance", self.theme)
        form.addRow("Privacy", self.no_outside_caches)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.credit_style.textChanged.connect(self._show_sample)
        self._show_sample()
        self.resize(520, 460)

    def _show_sample(self) -> None:
        try:
            self.credit_sample.setText("Prints as: " + credit_sample(self.credit_style.text()))
        except WorkstationError as exc:
            self.credit_sample.setText(str(exc))

    def values(self) -> SiteSettings:
        """The settings as typed; a ``ValidationError`` names the first value that cannot be kept."""
        return checked_settings(
            self.saved,
            site_name=self.site_name.text(),
            base_url=self.base_url.text(),
            credit_style=self.credit_style.text(),
            words_per_minute=self.words_per_minute.value(),
            spell_languages=[
                self.languages.item(i).text()
                for i in range(self.languages.count())
                if self.languages.item(i).checkState() == Qt.CheckState.Checked
            ],
            data_mining=self.data_mining.currentData(),
        )

    def accept(self) -> None:
        try:
            self.saved = save_site_settings(self.library, self.values())
            set_keep_no_outside_caches(self.library, self.no_outside_caches.isChecked())
        except WorkstationError as exc:
            self.error.setText(str(exc))
            return
        remember_theme(self.theme.currentData())
        from PySide6.QtWidgets import QApplication

        apply_theme(QApplication.instance(), self.theme.currentData())
        super().accept()
