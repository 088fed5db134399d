"""The inspector's large preview, where a click sets the focal point, and the crops it gives.

The crops under the preview are real renditions made by the same code the
export uses (``make_rendition`` with the focal point), so what the editor
sees for 16:9, 4:3 and 1:1 is what Open Graph and JSON-LD will carry.
They are made from the preview-sized JPEG, which keeps the geometry exact
(it is relative) and each click cheap, in the desk's helper process
(``workers.render_process``) so that the UI thread never waits on them.
"""

from __future__ import annotations

from concurrent.futures import BrokenExecutor, CancelledError

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from workstation.errors import WorkstationError
from workstation.photos.renditions import crop_box
from workstation.ui.decoded_images import decoded_image
from workstation.ui.jobs import Job, runner
from workstation.workers.render_process import crop_bytes

CROP_ASPECTS: tuple[tuple[int, int], ...] = ((16, 9), (4, 3), (1, 1))
CROP_WIDTH = 240
# The crops are shown side by side at one height, each as wide as its aspect makes it.
CROP_HEIGHT = 72
# Tall enough to judge a frame and place the focal point; short enough to leave the caption in view.
PREVIEW_MAX_HEIGHT = 300
CROP_COLOURS = {
    (16, 9): QColor("#4fc3f7"),
    (4, 3): QColor("#81c784"),
    (1, 1): QColor("#f48fb1"),
}
# Each outline's label sits in its own corner so overlapping boxes stay readable.
LABEL_CORNERS = {
    (16, 9): Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
    (4, 3): Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
    (1, 1): Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
}


class FocalPreview(QWidget):
    """The photo scaled to fit, with the focal point marked; a click moves it."""

    focal_clicked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._focal = QPointF(0.5, 0.5)
        self.setMinimumSize(QSize(300, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            "Click the subject to set the focal point: crops keep it in frame"
        )

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.updateGeometry()
        self.update()

    def image(self) -> QImage:
        return self._image

    def set_focal(self, x: float, y: float) -> None:
        self._focal = QPointF(x, y)
        self.update()

    def focal(self) -> tuple[float, float]:
        return self._focal.x(), self._focal.y()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._image.isNull() or self._image.width() == 0:
            return min(PREVIEW_MAX_HEIGHT, max(200, width * 2 // 3))
        return min(
            PREVIEW_MAX_HEIGHT,
            max(200, width * self._image.height() // self._image.width()),
        )

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(400))

    def image_rect(self) -> QRectF:
        """Where the picture is drawn inside the widget."""
        if self._image.isNull():
            return QRectF(self.rect())
        size = self._image.size().scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio
        )
        rect = QRectF(0, 0, size.width(), size.height())
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#1e1e1e"))
        if self._image.isNull():
            painter.setPen(QColor("#9aa0a6"))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "Select a photo to caption, credit and crop it",
            )
            return
        target = self.image_rect()
        painter.drawImage(target, self._image)
        self._paint_crops(painter, target)
        centre = QPointF(
            target.left() + self._focal.x() * target.width(),
            target.top() + self._focal.y() * target.height(),
        )
        for colour, width in ((QColor(0, 0, 0, 170), 4.0), (QColor("#ffd400"), 2.0)):
            painter.setPen(QPen(colour, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, 11, 11)
            painter.drawLine(centre + QPointF(-18, 0), centre + QPointF(-6, 0))
            painter.drawLine(centre + QPointF(6, 0), centre + QPointF(18, 0))
            painter.drawLine(centre + QPointF(0, -18), centre + QPointF(0, -6))
            painter.drawLine(centre + QPointF(0, 6), centre + QPointF(0, 18))

    def _paint_crops(self, painter: QPainter, target: QRectF) -> None:
        """Outline where each crop will cut, from the export's own crop geometry."""
        size = (self._image.width(), self._image.height())
        scale = target.width() / size[0]
        for aspect in CROP_ASPECTS:
            left, top, right, bottom = crop_box(size, aspect, self.focal())
            box = QRectF(
                target.left() + left * scale,
                target.top() + top * scale,
                (right - left) * scale,
                (bottom - top) * scale,
            )
            box = box.adjusted(1, 1, -1, -1)
            pen = QPen(CROP_COLOURS[aspect], 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            painter.drawText(
                box.adjusted(4, 2, -4, -2),
                LABEL_CORNERS[aspect],
                f"{aspect[0]}:{aspect[1]}",
            )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._image.isNull():
            return
        target = self.image_rect()
        if not target.contains(event.position()):
            return
        x = min(1.0, max(0.0, (event.position().x() - target.left()) / target.width()))
        y = min(1.0, max(0.0, (event.position().y() - target.top()) / target.height()))
        self.set_focal(round(x, 4), round(y, 4))
        self.focal_clicked.emit(round(x, 4), round(y, 4))


def _render_crops(source: bytes, focal: tuple[float, float], job: Job) -> dict[tuple[int, int], QImage]:
    """The crops as pictures; empty ones when the helper could not make them or the job was cancelled (runs as a job)."""
    try:
        rendered = crop_bytes(source, CROP_WIDTH, CROP_ASPECTS, focal, job.cancelled)
    except (WorkstationError, BrokenExecutor, CancelledError, OSError):
        rendered = [b""] * len(CROP_ASPECTS)
    return {aspect: decoded_image(data) for aspect, data in zip(CROP_ASPECTS, rendered)}


class CropPreviews(QWidget):
    """16:9, 4:3 and 1:1 crops around the focal point, as the export will cut them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = b""
        self._focal = (0.5, 0.5)
        self._serial = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._start)
        self._labels: dict[tuple[int, int], QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for aspect in CROP_ASPECTS:
            column = QVBoxLayout()
            picture = QLabel()
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setFixedSize(CROP_HEIGHT * aspect[0] // aspect[1], CROP_HEIGHT)
            picture.setStyleSheet(
                f"background: #1e1e1e; border: 1px solid {CROP_COLOURS[aspect].name()};"
            )
            title = QLabel(f"{aspect[0]}:{aspect[1]}")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setStyleSheet("color: palette(placeholder-text);")
            column.addWidget(picture)
            column.addWidget(title)
            layout.addLayout(column)
            self._labels[aspect] = picture
        layout.addStretch(1)

    def set_source(self, jpeg: bytes, focal: tuple[float, float]) -> None:
        self._source = jpeg
        self._focal = focal
        for label in self._labels.values():
            label.clear()
        self._debounce.start()

    def set_focal(self, focal: tuple[float, float]) -> None:
        self._focal = focal
        self._debounce.start()

    def crop(self, aspect: tuple[int, int]) -> QImage:
        pixmap = self._labels[aspect].pixmap()
        return (
            pixmap.toImage() if pixmap is not None and not pixmap.isNull() else QImage()
        )

    def wait(self, msecs: int = 5_000) -> bool:
        if self._debounce.isActive():
            self._debounce.stop()
            self._start()
        return runner().wait(msecs, owner=self)

    def _start(self) -> None:
        if not self._source:
            return
        self._serial += 1
        serial, source, focal = self._serial, self._source, self._focal
        runner().start(
            lambda job: _render_crops(source, focal, job),
            on_done=lambda crops: self._show(serial, crops),
            owner=self,
            name="crop previews",
        )

    def _show(self, serial: int, crops: dict[tuple[int, int], QImage]) -> None:
        if serial != self._serial:
            return
        for aspect, image in crops.items():
            label = self._labels[aspect]
            if image.isNull():
                label.clear()
                continue
            pixmap = QPixmap.fromImage(image).scaled(
                label.size(),
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            label.setPixmap(pixmap)
