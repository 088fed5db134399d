"""How one photo looks in the grid: the picture, its caption, and what it lacks.

The badges are the photo editor's to-do list at a glance: a frame with no
credit or no alt text, or rights that end soon, must stand out in a grid
of hundreds without opening each one.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workstation.library.photo_queries import PhotoSummary, expiry_horizon
from workstation.ui.photo_desk.grid_model import THUMB_SIZE, PhotoGridModel

CELL = QSize(THUMB_SIZE.width() + 16, THUMB_SIZE.height() + 52)
BADGE_COLOURS = {
    "no credit": QColor("#b3261e"),
    "no alt": QColor("#8a5a00"),
    "rights end": QColor("#b3261e"),
    "rights soon": QColor("#8a5a00"),
}


def badges(summary: PhotoSummary, today: date) -> list[str]:
    found = []
    if summary.missing_credit:
        found.append("no credit")
    if summary.missing_alt:
        found.append("no alt")
    if summary.rights_expiry is not None:
        if summary.rights_expiry < today:
            found.append("rights end")
        elif summary.rights_expiry <= expiry_horizon(today):
            found.append("rights soon")
    return found


class PhotoDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return CELL

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        rect = option.rect.adjusted(3, 3, -3, -3)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(60)
            painter.setBrush(highlight)
            painter.drawRoundedRect(rect, 4, 4)
        frame = QRect(
            rect.left() + 5, rect.top() + 5, THUMB_SIZE.width(), THUMB_SIZE.height()
        )
        painter.fillRect(frame, QColor("#2b2b2b"))
        model = index.model()
        image = (
            model.image_at(index.row()) if isinstance(model, PhotoGridModel) else None
        )
        if image is not None and not image.isNull():
            scaled = image.size().scaled(
                frame.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(frame.center())
            painter.drawImage(target, image)
        summary = (
            model.summary_at(index.row()) if isinstance(model, PhotoGridModel) else None
        )
        if summary is not None:
            self._paint_text(painter, option, frame, rect, summary)
        painter.restore()

    def _paint_text(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        frame: QRect,
        rect: QRect,
        summary: PhotoSummary,
    ) -> None:
        palette = option.palette
        text_rect = QRect(
            frame.left(),
            frame.bottom() + 4,
            frame.width(),
            rect.bottom() - frame.bottom() - 4,
        )
        font = QFont(option.font)
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        caption = " ".join(summary.caption.split())
        # The selection tint is light, so text stays in the ordinary text colour on it.
        colour = palette.color(QPalette.ColorRole.Text)
        if caption:
            painter.setPen(colour)
            shown = metrics.elidedText(
                caption, Qt.TextElideMode.ElideRight, text_rect.width() * 2 - 12
            )
            painter.drawText(
                text_rect, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, shown
            )
        else:
            muted = QColor(colour)
            muted.setAlpha(140)
            painter.setPen(muted)
            shown = metrics.elidedText(
                summary.filename or "(no caption)",
                Qt.TextElideMode.ElideMiddle,
                text_rect.width(),
            )
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignTop, shown)
        self._paint_badges(painter, frame, badges(summary, date.today()))

    def _paint_badges(self, painter: QPainter, frame: QRect, names: list[str]) -> None:
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        x = frame.left() + 4
        y = frame.bottom() - metrics.height() - 4
        for name in names:
            width = metrics.horizontalAdvance(name) + 10
            badge = QRect(x, y, width, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BADGE_COLOURS[name])
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, name)
            x += width + 4
