"""Toolbar icons: line drawings in resources/icons, tinted to the palette's text colour.

Drawn in ``currentColor`` so one set of files serves the light and the dark
palette; the colour is filled in when an icon is loaded.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from workstation.resources import resource


@cache
def _icon(name: str, color: str, disabled: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    result = QIcon()
    for tint, mode in ((color, QIcon.Mode.Normal), (disabled, QIcon.Mode.Disabled)):
        pixmap = QPixmap()
        pixmap.loadFromData(QByteArray(svg.replace("currentColor", tint).encode()), "SVG")
        result.addPixmap(pixmap, mode)
    return result


def icon(name: str) -> QIcon:
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    return _icon(name, text, disabled)
