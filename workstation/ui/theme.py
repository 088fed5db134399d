"""Light and dark: follow the system unless the user (or WORKSTATION_THEME) says otherwise."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

THEMES = ("system", "light", "dark")
THEME_KEY = "view/theme"

STYLE = """
#banner { background: %(banner)s; color: %(banner_text)s; padding: 6px 12px; border-bottom: 1px solid %(line)s; }
#presenceBar { background: %(presence)s; border-bottom: 1px solid %(line)s; }
QLabel#presenceText { color: %(presence_text)s; }
QLabel#hint { color: %(muted)s; }
QLabel#hint[error="true"] { color: #d93036; }
QLabel#paneTitle { font-weight: 600; color: %(muted)s; }
QLabel#placeholder { color: %(muted)s; }
QLabel#leadThumb { border: 1px dashed %(line)s; border-radius: 4px; color: %(muted)s; padding: 4px; }
#findBar { border-bottom: 1px solid %(line)s; }
QToolBar#formatting { border: none; border-bottom: 1px solid %(line)s; spacing: 2px; padding: 2px 4px; }
QSplitter::handle { background: %(line)s; }
QSplitter::handle:horizontal { width: 1px; }
QListView#articleList::item { padding: 5px 2px; }
QStatusBar QLabel#stats { color: %(muted)s; padding-right: 8px; }
#page, #titleBlock { background: %(base)s; }
QPlainTextEdit#pageHeadline, QPlainTextEdit#pageDek { background: transparent; border: none; }
QPlainTextEdit#pageDek { color: %(dek)s; }
QToolButton#sectionToggle { font-weight: 600; border: none; padding: 6px 2px 4px 2px; }
QFrame#budgetCard, QFrame#commentCard { background: %(card)s; border: 1px solid %(line)s; border-radius: 6px; }
QListWidget#budgetColumn { background: %(column)s; border: 1px solid %(line)s; border-radius: 6px; }
QListWidget#budgetColumn::item, QListWidget#budgetColumn::item:selected { background: transparent; }
QListWidget#budgetColumn::item:selected QFrame#budgetCard { border-color: %(muted)s; }
"""


def chosen_theme() -> str:
    wanted = os.environ.get("WORKSTATION_THEME", "").lower()
    if wanted in THEMES:
        return wanted
    return stored_theme()


def stored_theme() -> str:
    """The theme chosen in Preferences on this computer (not the WORKSTATION_THEME override)."""
    stored = str(QSettings().value(THEME_KEY, "system"))
    return stored if stored in THEMES else "system"


def remember_theme(theme: str) -> None:
    QSettings().setValue(THEME_KEY, theme)


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#232629",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1b1d20",
        QPalette.ColorRole.AlternateBase: "#26292d",
        QPalette.ColorRole.ToolTipBase: "#2e3236",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2c2f33",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb2ff",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6c7077"))
    return _grey_disabled_fields(palette)


def _light_palette() -> QPalette:
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f4f2"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6cc0"))
    return _grey_disabled_fields(palette)


def _grey_disabled_fields(palette: QPalette) -> QPalette:
    """Disabled fields take the window's colour, so one-line fields look as unavailable as the boxes beside them.

    Fusion paints a disabled QLineEdit with the Base colour; left white, the
    slug, tags and SEO fields of a read-only library looked editable.
    """
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    return palette


class _OutlinedChecks(QProxyStyle):
    """Fusion with a visible edge round every check box, ticked or not.

    Fusion outlines a check box in the window colour made darker, which on a
    dark window is the colour of the box itself: unticked boxes (Preferences'
    Privacy, the spell-check languages, the batch edit's fields) vanished.
    """

    CHECKS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    def __init__(self, edge: QColor) -> None:
        super().__init__("Fusion")
        self._edge = edge

    def drawPrimitive(  # noqa: N802
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self.CHECKS:
            painter.save()
            painter.setPen(self._edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def is_dark(theme: str) -> bool:
    if theme == "system":
        return QApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


def apply_theme(app: QApplication, theme: str | None = None) -> None:
    theme = theme or chosen_theme()
    dark = is_dark(theme)
    if dark:
        palette = _dark_palette()
        app.setStyle(_OutlinedChecks(palette.color(QPalette.ColorRole.PlaceholderText)))
    else:
        app.setStyle("Fusion")
        palette = _light_palette()
    app.setPalette(palette)
    colors = (
        {"banner": "#5a4a12", "banner_text": "#fff4cc", "line": "#3a3e43", "muted": "#9aa0a6", "base": "#1b1d20",
         "dek": "#c4c7cc", "card": "#2c3035", "column": "#1d2023", "presence": "#1d3350", "presence_text": "#dbe8ff"}
        if dark
        else {"banner": "#fff3c4", "banner_text": "#4a3b00", "line": "#d9d9d6", "muted": "#6b7078", "base": "#ffffff",
              "dek": "#4a4f57", "card": "#ffffff", "column": "#f1f1ef", "presence": "#e2edfb", "presence_text": "#0d3366"}
    )
    app.setStyleSheet(STYLE % colors)


def follow_system(app: QApplication) -> None:
    """Re-apply when the desktop switches between light and dark."""
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: chosen_theme() == "system" and apply_theme(app))
