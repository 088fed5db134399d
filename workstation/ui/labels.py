"""Labels for text that comes from the library: shown as typed, never read as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

# How the desk names an article's workflow states (``library.statuses.STATUSES``).
STATUS_LABELS = {"draft": "Draft", "editing": "Editing", "ready": "Ready", "published": "Published"}


def text_label(text: str, *, bold: bool = False, hint: bool = False, wrap: bool = True) -> QLabel:
    """A plain-text label (a headline or name holding "<b>" shows "<b>"), bold or in the hint colour."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if hint:
        label.setObjectName("hint")
    return label


def dialog_title(text: str) -> QLabel:
    """A dialog's heading: plain text, bold and a little larger, wrapped."""
    label = text_label(text, bold=True)
    label.setObjectName("dialogTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label
