"""How the body text is set on this computer: serif, sans or monospace, the family, the size, typewriter scrolling.

A matter of the reader's eyes and screen rather than of the library, so it
is kept in this computer's settings (like the theme), not in the file.
Families come from the system's fonts; an unset or missing family falls
back to the system's own default for the kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

KINDS = {"serif": "Serif", "sans": "Sans serif", "monospace": "Monospace"}
_HINTS = {
    "serif": (QFont.StyleHint.Serif, "serif"),
    "sans": (QFont.StyleHint.SansSerif, "sans-serif"),
    "monospace": (QFont.StyleHint.Monospace, "monospace"),
}
SIZES = (11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 18.0, 20.0)


@dataclass(frozen=True)
class Typography:
    kind: str = "serif"
    family: str = ""  # "" follows the system's default family for ``kind``
    size: float = 13.0
    typewriter: bool = False


def default_family(kind: str) -> str:
    """The family the system gives for "serif", "sans-serif" or "monospace" (its fixed-width system font)."""
    hint, generic = _HINTS.get(kind, _HINTS["serif"])
    if kind == "monospace":
        return QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)).family()
    font = QFont(generic)
    font.setStyleHint(hint)
    return QFontInfo(font).family()


def family_for(typography: Typography) -> str:
    if typography.family and typography.family in QFontDatabase.families():
        return typography.family
    return default_family(typography.kind)


def body_font(typography: Typography) -> QFont:
    font = QFont(family_for(typography))
    font.setStyleHint(_HINTS.get(typography.kind, _HINTS["serif"])[0])
    font.setPointSizeF(typography.size)
    return font


def stored_typography() -> Typography:
    settings = QSettings()
    kind = str(settings.value("editor/font_kind", "serif"))
    try:
        size = float(settings.value("editor/font_size", Typography.size))
    except (TypeError, ValueError):
        size = Typography.size
    return Typography(
        kind=kind if kind in KINDS else "serif",
        family=str(settings.value("editor/font_family", "")),
        size=min(max(size, 8.0), 36.0),
        typewriter=str(settings.value("editor/typewriter", "false")).lower() == "true",
    )


def remember_typography(typography: Typography) -> None:
    settings = QSettings()
    settings.setValue("editor/font_kind", typography.kind)
    settings.setValue("editor/font_family", typography.family)
    settings.setValue("editor/font_size", typography.size)
    settings.setValue("editor/typewriter", "true" if typography.typewriter else "false")
