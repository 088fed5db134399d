"""Preferences: the library's house settings and writing rules, and this computer's theme, page and
your name (which signs comments).

Three tabs: Site (name, address, credit style, the copyright notice and
syndication terms the ninjs export carries, reading speed, your name,
appearance, privacy),
Writing (the page's font, typewriter scrolling, spelling languages, house
limits for headline and dek) and House style (the rules file). What the
library holds is checked by the application layer and saved in one
transaction; the look of the page is this computer's.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.content.languages import language_names
from workstation.content.spelling import available_languages
from workstation.editing.photos import thumbnail
from workstation.editing.settings import (
    checked_desk_settings,
    checked_settings,
    credit_sample,
    data_mining_defaults,
    default_user_name,
    desk_settings,
    save_all_settings,
    user_name,
    with_syndication,
)
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.settings import DeskSettings, SiteSettings
from workstation.publish.caches import keeps_no_outside_caches, set_keep_no_outside_caches
from workstation.ui.preference_keys import USER_NAME_KEY
from workstation.ui.theme import THEMES, apply_theme, remember_theme, stored_theme
from workstation.ui.typography import KINDS, Typography, family_for, remember_typography, stored_typography

# Lines of text kept free for the error under the tabs, whether or not there is one.
ERROR_LINES = 2


def _form_page(rows: list[tuple[str, QWidget]]) -> QWidget:
    """A tab of labelled rows at their natural heights, the spare room left below them."""
    page = QWidget()
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for label, widget in rows:
        form.addRow(label, widget)
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


class PreferencesDialog(QDialog):
    def __init__(self, library: Library, site: SiteSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.library = library
        self.saved = site
        self.saved_desk: DeskSettings = desk_settings(library)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._site_page(site), "Site")
        self.tabs.addTab(self._writing_page(site), "Writing")
        self.tabs.addTab(self._house_style_page(), "House style")

        self.error = QLabel()
        self.error.setObjectName("hint")
        self.error.setProperty("error", True)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The space is kept whether or not there is an error, and a long one wraps
        # within the dialog's width: nothing moves or widens when it appears.
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.error.setFixedHeight(self.error.fontMetrics().lineSpacing() * ERROR_LINES + 4)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.credit_style.textChanged.connect(self._show_sample)
        self._show_sample()
        self.resize(600, 520)

    # -- pages ------------------------------------------------------------------

    def _site_page(self, site: SiteSettings) -> QWidget:
        self.site_name = QLineEdit(site.site_name)
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
        logo = QWidget()
        logo_row = QHBoxLayout(logo)
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_note, 1)
        logo_row.addWidget(choose_logo)
        logo_row.addWidget(self.draw_logo)
        self._show_logo(self.logo_photo_id)
        self.base_url = QLineEdit(site.base_url)
        self.base_url.setPlaceholderText("https://news.example.org/")
        self.credit_style = QLineEdit(site.credit_style)
        self.credit_sample = QLabel()
        self.credit_sample.setObjectName("hint")
        self.credit_sample.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.credit_sample.setWordWrap(True)  # a long sample wraps instead of widening the dialog per keystroke
        self.credit_sample.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.copyright_notice = QLineEdit(site.copyright_notice)
        self.copyright_notice.setPlaceholderText(f"© {date.today().year} {site.publisher_name or site.site_name}")
        self.copyright_notice.setToolTip("Carried by every article syndicated as ninjs; empty: the placeholder's form")
        self.usage_terms = QLineEdit(site.usage_terms)
        self.usage_terms.setPlaceholderText("e.g. Partners may republish unchanged, with the byline")
        self.usage_terms.setToolTip("What partners taking the ninjs export may do with the articles")
        self.words_per_minute = QSpinBox()
        self.words_per_minute.setRange(100, 600)
        self.words_per_minute.setValue(site.words_per_minute)
        self.words_per_minute.setSuffix(" words a minute")
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
        self.no_outside_caches.setChecked(keeps_no_outside_caches(self.library))
        self.user_name = QLineEdit(" ".join(str(QSettings().value(USER_NAME_KEY) or "").split()))
        self.user_name.setPlaceholderText(default_user_name())
        self.user_name.setToolTip("Signs your comments; kept for you on this computer, not in the library")
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem({"system": "Follow the system", "light": "Light", "dark": "Dark"}[theme], theme)
        self.theme.setCurrentIndex(max(self.theme.findData(stored_theme()), 0))
        return _form_page([
            ("Site name", self.site_name),
            ("Site icon and logo", logo),
            ("Base URL", self.base_url),
            ("House credit style", self.credit_style),
            ("", self.credit_sample),
            ("Copyright notice", self.copyright_notice),
            ("Syndication terms", self.usage_terms),
            ("Photo data mining", self.data_mining),
            ("Reading speed", self.words_per_minute),
            ("Your name", self.user_name),
            ("Appearance", self.theme),
            ("Privacy", self.no_outside_caches),
        ])

    def _writing_page(self, site: SiteSettings) -> QWidget:
        typography = stored_typography()
        self.font_kind = QComboBox()
        for kind, label in KINDS.items():
            self.font_kind.addItem(label, kind)
        self.font_kind.setCurrentIndex(max(self.font_kind.findData(typography.kind), 0))
        self.font_family = QFontComboBox()
        self._chosen_family = typography.family
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(9.0, 28.0)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(typography.size)
        self.typewriter = QCheckBox("Typewriter scrolling: keep the line being written at the same height")
        self.typewriter.setChecked(typography.typewriter)
        self.font_sample = QLabel("The council met on Tuesday; the vote on the bridge was close.")
        self.font_sample.setMinimumHeight(40)
        self._fill_families()
        self.font_kind.currentIndexChanged.connect(self._kind_changed)
        self.font_family.currentFontChanged.connect(self._show_font_sample)
        self.font_size.valueChanged.connect(self._show_font_sample)

        self.languages = QListWidget()
        self.languages.setMaximumHeight(110)
        chosen = {tag.strip() for tag in site.spell_languages.split(",") if tag.strip()}
        tags = sorted(set(available_languages()) | chosen)
        names = language_names(tags)
        for tag in sorted(tags, key=lambda tag: names[tag].casefold()):
            item = QListWidgetItem(names[tag])
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setToolTip(tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if tag in chosen else Qt.CheckState.Unchecked)
            self.languages.addItem(item)

        self.headline_limit = QSpinBox()
        self.headline_limit.setRange(20, 1000)
        self.headline_limit.setSuffix(" characters")
        self.headline_limit.setValue(self.saved_desk.headline_limit)
        self.dek_limit = QSpinBox()
        self.dek_limit.setRange(20, 5000)
        self.dek_limit.setSuffix(" characters")
        self.dek_limit.setValue(self.saved_desk.dek_limit)

        return _form_page([
            ("Body font", self.font_kind),
            ("Family", self.font_family),
            ("Size", self.font_size),
            ("", self.font_sample),
            ("", self.typewriter),
            ("Spell-check languages", self.languages),
            ("Headline at most", self.headline_limit),
            ("Dek at most", self.dek_limit),
        ])

    def _house_style_page(self) -> QWidget:
        self.house_style = QPlainTextEdit(self.saved_desk.house_style)
        self.house_style.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.house_style.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.house_style.setTabChangesFocus(True)
        note = QLabel(
            "Checked as you write (a dashed underline; right-click for the fix) and by preflight. "
            "substitutions: a word and what to write instead; avoid: a word and why; "
            "patterns: a regular expression, a note and an optional fix."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.house_style, 1)
        return page

    # -- fonts ------------------------------------------------------------------

    def _kind_changed(self) -> None:
        self._chosen_family = ""
        self._fill_families()

    def _fill_families(self) -> None:
        """Offer the system's monospaced families for monospace, its proportional ones otherwise."""
        kind = self.font_kind.currentData()
        self.font_family.blockSignals(True)
        self.font_family.setFontFilters(
            QFontComboBox.FontFilter.MonospacedFonts if kind == "monospace" else QFontComboBox.FontFilter.ProportionalFonts
        )
        self.font_family.setCurrentFont(QFont(family_for(Typography(kind=kind, family=self._chosen_family))))
        self.font_family.blockSignals(False)
        self._show_font_sample()

    def _show_font_sample(self) -> None:
        font = QFont(self.font_family.currentFont().family())
        font.setPointSizeF(self.font_size.value())
        self.font_sample.setFont(font)

    def typography(self) -> Typography:
        return Typography(
            kind=self.font_kind.currentData(),
            family=self.font_family.currentFont().family(),
            size=self.font_size.value(),
            typewriter=self.typewriter.isChecked(),
        )

    # -- values -----------------------------------------------------------------

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
        typed = checked_settings(
            self.saved,
            site_name=self.site_name.text(),
            base_url=self.base_url.text(),
            credit_style=self.credit_style.text(),
            words_per_minute=self.words_per_minute.value(),
            spell_languages=[
                self.languages.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.languages.count())
                if self.languages.item(i).checkState() == Qt.CheckState.Checked
            ],
            data_mining=self.data_mining.currentData(),
            logo_photo_id=self.logo_photo_id,
        )
        return with_syndication(
            typed, copyright_notice=self.copyright_notice.text(), usage_terms=self.usage_terms.text()
        )

    def desk_values(self) -> DeskSettings:
        return checked_desk_settings(
            headline_limit=self.headline_limit.value(),
            dek_limit=self.dek_limit.value(),
            house_style=self.house_style.toPlainText(),
        )

    def accept(self) -> None:
        try:
            site, desk = self.values(), self.desk_values()
            save_all_settings(self.library, site, desk)
            self.saved, self.saved_desk = site, desk
            set_keep_no_outside_caches(self.library, self.no_outside_caches.isChecked())
        except WorkstationError as exc:
            self.error.setText(str(exc))
            if "house style" in str(exc):
                self.tabs.setCurrentIndex(2)
            return
        remember_typography(self.typography())
        QSettings().setValue(USER_NAME_KEY, " ".join(self.user_name.text().split()))
        if self.library.path is not None:
            # A file's work is signed with this name from now on; a newsroom's desk chose its own.
            self.library.user = user_name(self.user_name.text())
        remember_theme(self.theme.currentData())
        apply_theme(QApplication.instance(), self.theme.currentData())
        super().accept()
