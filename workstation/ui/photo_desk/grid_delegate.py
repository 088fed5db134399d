"""How one photo looks in the grid: the picture, its caption, and what it lacks.

The badges are the photo editor's to-do list at a glance: a frame with no
credit or no alt text, or rights that end soon, must stand out in a grid
of hundreds without opening each one.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workstation.library.photo_queries import PhotoSummary
from workstation.photos.rules import Problem
from workstation.ui.photo_desk.culling import paint_marks
from workstation.ui.photo_desk.grid_model import THUMB_SIZE, PhotoGridModel

CELL = QSize(THUMB_SIZE.width() + 16, THUMB_SIZE.height() + 52)
# Rendered cells kept: a few screenfuls (about 140 KB each).
CELL_CACHE_SIZE = 120
BADGE_COLOURS = {
    "no credit": QColor("#b3261e"),
    "no alt": QColor("#8a5a00"),
    "rights end": QColor("#b3261e"),
    "rights soon": QColor("#8a5a00"),
    "no source": QColor("#5f6368"),
}


BADGE_LABELS = {
    Problem.NO_CREDIT: "no credit",
    Problem.NO_ALT: "no alt",
    Problem.RIGHTS_ENDED: "rights end",
    Problem.RIGHTS_ENDING: "rights soon",
    Problem.NO_SOURCE_TYPE: "no source",
}


def badges(summary: PhotoSummary, today: date) -> list[str]:
    """The photo rules' findings (the same preflight reports), as short labels."""
    return [BADGE_LABELS[problem] for problem in summary.problems(today)]


class PhotoDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return CELL

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the cell from a cached picture of it, rendering it only when something changed.

        A repaint of the grid then costs one ``drawPixmap`` per cell instead
        of dozens of painter calls, which keeps scrolling smooth even while
        other threads are busy.
        """
        model = index.model()
        if not isinstance(model, PhotoGridModel):
            return
        row = index.row()
        image = model.image_at(row)
        summary = model.summary_at(row)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = (
            model.photo_id(row),
            selected,
            option.rect.width(),
            option.rect.height(),
            ratio,
            summary,
            image.cacheKey() if image is not None else 0,
            option.palette.cacheKey(),
            date.today(),
        )
        cell = self._cells.get(key)
        if cell is None:
            cell = self._render(option, image, summary, selected, ratio)
            self._cells[key] = cell
            while len(self._cells) > CELL_CACHE_SIZE:
                self._cells.popitem(last=False)
        else:
            self._cells.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), cell)

    def _render(
        self,
        option: QStyleOptionViewItem,
        image: QImage | None,
        summary: PhotoSummary | None,
        selected: bool,
        ratio: float,
    ) -> QPixmap:
        size = option.rect.size()
        cell = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        cell.setDevicePixelRatio(ratio)
        cell.fill(Qt.GlobalColor.transparent)
        painter = QPainter(cell)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRect(0, 0, size.width(), size.height()).adjusted(3, 3, -3, -3)
        palette = option.palette
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
        if image is not None and not image.isNull():
            scaled = image.size().scaled(
                frame.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(frame.center())
            painter.drawImage(target, image)
        if summary is not None:
            paint_marks(painter, frame, summary.rating, summary.label, summary.pick, summary.signed)
            self._paint_text(painter, option, frame, rect, summary)
        painter.end()
        return cell

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
