"""Avatars as pixmaps: the stored square, or the same initials avatar the export prints."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtSvg import QSvgRenderer

from workstation.photos.initials import initials_svg


def avatar_pixmap(avatar: bytes | None, name: str, size: int, round_corners: bool = True) -> QPixmap:
    """``size`` x ``size`` pixels of the avatar, or of the initials avatar when there is none."""
    return QPixmap.fromImage(_avatar_image(avatar, name, size, round_corners))


@functools.lru_cache(maxsize=1024)
def _avatar_image(avatar: bytes | None, name: str, size: int, round_corners: bool) -> QImage:
    """Drawn once per avatar, name and size: the author list of a decade's newsroom holds hundreds."""
    canvas = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if round_corners:
        clip = QPainterPath()
        clip.addEllipse(QRectF(0, 0, size, size))
        painter.setClipPath(clip)
    image = QImage.fromData(avatar) if avatar else QImage()
    if not image.isNull():
        painter.drawImage(QRectF(0, 0, size, size), image)
    else:
        QSvgRenderer(QByteArray(initials_svg(name).encode("utf-8"))).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return canvas
