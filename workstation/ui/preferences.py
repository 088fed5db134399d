"""Preferences: the library's house settings, and this computer's theme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.content.spelling import available_languages
from workstation.editing.photos import thumbnail
from workstation.editing.settings import checked_settings, credit_sample, save_site_settings
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
        self.logo_photo_id = site.logo_photo_id
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(48, 48)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_note = QLabel()
        self.logo_note.setObjectName("hint")
        choose_logo = QPushButton("Choose photo…")
        choose_logo.clicked.connect(self.choose_logo)
        self.draw_logo = QPushButton("Use the initials")
        self.draw_logo.clicked.connect(lambda: self._show_logo(0))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_note, 1)
        logo_row.addWidget(choose_logo)
        logo_row.addWidget(self.draw_logo)
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
        form.addRow("Site icon and logo", logo_row)
        form.addRow("Base URL", self.base_url)
        form.addRow("House credit style", self.credit_style)
        form.addRow("", self.credit_sample)
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
        self._show_logo(self.logo_photo_id)
        self.resize(520, 460)

    def choose_logo(self) -> None:
        from workstation.ui.pickers import PhotoPicker

        picker = PhotoPicker(self.library, self, title="Choose the site's logo", action="Use as logo")
        if picker.exec() and picker.chosen() is not None:
            self._show_logo(int(picker.chosen()))

    def _show_logo(self, photo_id: int) -> None:
        """Show the chosen logo photo's thumbnail (0: the icon is drawn from the site's initials)."""
        self.logo_photo_id = photo_id
        data = thumbnail(self.library, photo_id) if photo_id else None
        pixmap = QPixmap()
        if data:
            pixmap.loadFromData(data)
        self.logo_preview.setPixmap(pixmap.scaled(48, 48, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation) if data else QPixmap())
        self.logo_note.setText("A square crop of this photo" if photo_id else "Drawn from the site's initials")
        self.draw_logo.setEnabled(bool(photo_id))

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
            logo_photo_id=self.logo_photo_id,
            spell_languages=[
                self.languages.item(i).text()
                for i in range(self.languages.count())
                if self.languages.item(i).checkState() == Qt.CheckState.Checked
            ],
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
