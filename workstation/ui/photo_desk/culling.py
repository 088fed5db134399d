"""Culling on the grid: the keys Photo Mechanic and Lightroom users have in their fingers, marks on cells, filters.

0–5 set the stars, 6–9 the colour labels (red, yellow, green, blue; the
same key again takes the label off), P picks and X rejects (again: neither).
The marks are stored by the application layer (``editing.photos.mark_photos``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from workstation.photos.culling import LABEL_COLOURS, LABELS, MAX_RATING, PICKED, REJECTED, UNMARKED

LABEL_KEYS = {Qt.Key.Key_6: LABELS[0], Qt.Key.Key_7: LABELS[1], Qt.Key.Key_8: LABELS[2], Qt.Key.Key_9: LABELS[3]}
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(MAX_RATING + 1)}
PICK_COLOUR = QColor("#1e8e3e")
REJECT_COLOUR = QColor("#b3261e")
STAR_COLOUR = QColor("#f2b01e")


@dataclass(frozen=True)
class MarkChange:
    """What a key asks to change on the selection (None: leave as it is)."""

    rating: int | None = None
    label: str | None = None
    pick: int | None = None


def key_change(key: int, modifiers: Qt.KeyboardModifier, current: tuple[int, str, int]) -> MarkChange | None:
    """The change ``key`` makes to a selection whose first photo has ``current`` (rating, label, pick) marks."""
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    _rating, label, pick = current
    if key in RATING_KEYS:
        return MarkChange(rating=RATING_KEYS[key])
    if key in LABEL_KEYS:
        wanted = LABEL_KEYS[key]
        return MarkChange(label="" if label == wanted else wanted)
    if key == Qt.Key.Key_P:
        return MarkChange(pick=UNMARKED if pick == PICKED else PICKED)
    if key == Qt.Key.Key_X:
        return MarkChange(pick=UNMARKED if pick == REJECTED else REJECTED)
    return None


def marks_text(rating: int, label: str, pick: int) -> str:
    """The marks in words and stars, for the inspector."""
    parts = ["★" * rating + "☆" * (MAX_RATING - rating)]
    if label:
        parts.append(f"{label} label")
    if pick == PICKED:
        parts.append("Picked")
    elif pick == REJECTED:
        parts.append("Rejected")
    return " · ".join(parts)


def paint_marks(painter: QPainter, frame: QRect, rating: int, label: str, pick: int, signed: bool = False) -> None:
    """Stars, label and flag over the top of a grid cell's picture, readable on any photo; "CR" for Content Credentials."""
    if label:
        painter.fillRect(QRect(frame.left(), frame.top(), frame.width(), 5), QColor(LABEL_COLOURS.get(label, "#888888")))
    font = QFont(painter.font())
    font.setPointSizeF(max(8.0, font.pointSizeF()))
    font.setBold(True)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    height = metrics.height() + 2
    if rating:
        stars = "★" * rating
        box = QRect(frame.left() + 4, frame.top() + 8, metrics.horizontalAdvance(stars) + 8, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(STAR_COLOUR)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, stars)
    if pick in (PICKED, REJECTED):
        mark = "✓ Pick" if pick == PICKED else "✕ Reject"
        box = QRect(0, frame.top() + 8, metrics.horizontalAdvance(mark) + 10, height)
        box.moveRight(frame.right() - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PICK_COLOUR if pick == PICKED else REJECT_COLOUR)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
    if signed:
        box = QRect(0, 0, metrics.horizontalAdvance("CR") + 10, height)
        box.moveBottomRight(frame.bottomRight() - QPoint(4, 4))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "CR")


class CullFilters(QWidget):
    """Three choosers: least rating, colour label, pick flag."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Show:"))
        self.rating_combo = QComboBox()
        self.rating_combo.setToolTip("Least star rating")
        self.rating_combo.addItem("Any rating", 0)
        for stars in range(1, MAX_RATING + 1):
            self.rating_combo.addItem("★" * stars + (" and up" if stars < MAX_RATING else ""), stars)
        self.label_combo = QComboBox()
        self.label_combo.setToolTip("Colour label")
        self.label_combo.addItem("Any label", None)
        self.label_combo.addItem("No label", "")
        for label in LABELS:
            self.label_combo.addItem(label, label)
        self.pick_combo = QComboBox()
        self.pick_combo.setToolTip("Pick or reject flag")
        self.pick_combo.addItem("Picked or not", None)
        self.pick_combo.addItem("Picked", PICKED)
        self.pick_combo.addItem("Rejected", REJECTED)
        self.pick_combo.addItem("Neither", UNMARKED)
        for combo in (self.rating_combo, self.label_combo, self.pick_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            layout.addWidget(combo)

    def values(self) -> dict[str, object]:
        """The ``PhotoFilter`` fields they stand for."""
        return {
            "min_rating": self.rating_combo.currentData(),
            "label": self.label_combo.currentData(),
            "pick": self.pick_combo.currentData(),
        }

    def active(self) -> bool:
        return any(combo.currentIndex() > 0 for combo in (self.rating_combo, self.label_combo, self.pick_combo))
