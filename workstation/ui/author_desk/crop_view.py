"""Choosing the square of a picture that becomes an avatar: drag to move, wheel or slider to zoom.

The view keeps the square in the coordinates of the (shrunk, upright)
preview picture, not in widget pixels, so resizing the dialog never moves
the crop; ``box()`` scales it to the full picture for ``crop_square``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from workstation.photos.avatars import OrientedImage

# The smallest square worth keeping, in full-picture pixels.
MIN_SIDE = 64
ZOOM_STEPS = 1000
MARGIN = 16


class CropView(QWidget):
    """A square window over the picture; what shows inside it is the avatar."""

    boxChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._full = QSize(1, 1)
        self._x = self._y = 0.0
        self._side = 1.0
        self._drag_from: QPointF | None = None
        self.setMinimumSize(240, 240)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Avatar crop: drag to move, scroll to zoom")

    def set_image(self, image: QImage, full_width: int, full_height: int) -> None:
        """Show ``image`` (a shrunk copy of a ``full_width`` x ``full_height`` picture), centred square."""
        self._image = image
        self._full = QSize(max(1, full_width), max(1, full_height))
        self._side = float(min(image.width(), image.height()))
        self._x = (image.width() - self._side) / 2
        self._y = (image.height() - self._side) / 2
        self.update()
        self.boxChanged.emit()

    def box(self) -> tuple[int, int, int]:
        """The square as ``(x, y, side)`` in the full picture's pixels."""
        ratio = self._full.width() / max(1, self._image.width())
        side = max(1, round(self._side * ratio))
        side = min(side, self._full.width(), self._full.height())
        x = min(max(0, round(self._x * ratio)), self._full.width() - side)
        y = min(max(0, round(self._y * ratio)), self._full.height() - side)
        return x, y, side

    def cropped(self, size: int) -> QImage:
        """The square as it will look, at ``size`` pixels, for the dialog's small preview."""
        rect = QRectF(self._x, self._y, self._side, self._side).toRect()
        return self._image.copy(rect).scaled(
            size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    def zoom(self) -> float:
        """0 shows the largest square the picture holds; 1 the smallest allowed."""
        largest, smallest = self._side_limits()
        if largest <= smallest:
            return 0.0
        return math.log(largest / self._side) / math.log(largest / smallest)

    def set_zoom(self, zoom: float) -> None:
        largest, smallest = self._side_limits()
        zoom = min(max(zoom, 0.0), 1.0)
        self._resize_square(largest * (smallest / largest) ** zoom if largest > smallest else largest)

    def move_by(self, dx: float, dy: float) -> None:
        """Move the picture under the square by (dx, dy) preview pixels."""
        self._x, self._y = self._x - dx, self._y - dy
        self._clamp()
        self.update()
        self.boxChanged.emit()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def window_rect(self) -> QRectF:
        """The square, in widget pixels, through which the crop is seen."""
        side = max(1, min(self.width(), self.height()) - 2 * MARGIN)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        if self._image.isNull():
            return
        window = self.window_rect()
        scale = window.width() / self._side
        target = QRectF(
            window.left() - self._x * scale,
            window.top() - self._y * scale,
            self._image.width() * scale,
            self._image.height() * scale,
        )
        painter.drawImage(target, self._image)
        outside = QPainterPath()
        outside.addRect(QRectF(self.rect()))
        inside = QPainterPath()
        inside.addRect(window)
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 150))
        painter.setPen(QPen(QColor(255, 255, 255, 220), 1.5))
        painter.drawRect(window)
        painter.setPen(QPen(QColor(255, 255, 255, 110), 1, Qt.PenStyle.DashLine))
        painter.drawEllipse(window)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        delta = event.position() - self._drag_from
        self._drag_from = event.position()
        scale = self.window_rect().width() / self._side
        self.move_by(delta.x() / scale, delta.y() / scale)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        self._resize_square(self._side * (0.9**steps))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = self._side / 20
        moves = {
            Qt.Key.Key_Left: (step, 0),
            Qt.Key.Key_Right: (-step, 0),
            Qt.Key.Key_Up: (0, step),
            Qt.Key.Key_Down: (0, -step),
        }
        if key in moves:
            self.move_by(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._resize_square(self._side * 0.9)
        elif key == Qt.Key.Key_Minus:
            self._resize_square(self._side / 0.9)
        else:
            super().keyPressEvent(event)

    def _side_limits(self) -> tuple[float, float]:
        largest = float(min(self._image.width(), self._image.height()))
        smallest = MIN_SIDE * self._image.width() / max(1, self._full.width())
        return largest, min(largest, max(4.0, smallest))

    def _resize_square(self, side: float) -> None:
        largest, smallest = self._side_limits()
        centre_x, centre_y = self._x + self._side / 2, self._y + self._side / 2
        self._side = min(max(side, smallest), largest)
        self._x, self._y = centre_x - self._side / 2, centre_y - self._side / 2
        self._clamp()
        self.update()
        self.boxChanged.emit()

    def _clamp(self) -> None:
        self._x = min(max(self._x, 0.0), self._image.width() - self._side)
        self._y = min(max(self._y, 0.0), self._image.height() - self._side)


class CropDialog(QDialog):
    """The crop view, a zoom slider, and the avatar as it will look."""

    def __init__(self, picture: OrientedImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Crop the avatar")
        self.view = CropView(self)
        self.view.set_image(QImage.fromData(picture.data), picture.width, picture.height)
        self.zoom = QSlider(Qt.Orientation.Horizontal, self)
        self.zoom.setRange(0, ZOOM_STEPS)
        self.zoom.setAccessibleName("Zoom")
        self.zoom.valueChanged.connect(lambda value: self.view.set_zoom(value / ZOOM_STEPS))
        self.result_preview = QLabel(self)
        self.result_preview.setFixedSize(96, 96)
        self.result_preview.setAccessibleName("Avatar as it will look")
        self.view.boxChanged.connect(self._show_result)
        hint = QLabel("Drag the picture to place the face in the square; scroll or use the slider to zoom.", self)
        hint.setWordWrap(True)
        zoom_row = QHBoxLayout()
        zoom_row.addWidget(QLabel("Zoom", self))
        zoom_row.addWidget(self.zoom, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel("Result", self))
        side.addWidget(self.result_preview)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use this square")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top, 1)
        layout.addLayout(zoom_row)
        layout.addWidget(buttons)
        self.resize(620, 560)
        self._show_result()

    def box(self) -> tuple[int, int, int]:
        return self.view.box()

    def _show_result(self) -> None:
        self.result_preview.setPixmap(QPixmap.fromImage(self.view.cropped(96)))
        self.zoom.blockSignals(True)
        self.zoom.setValue(round(self.view.zoom() * ZOOM_STEPS))
        self.zoom.blockSignals(False)
