"""``QImage``s for pictures decoded on worker threads (see ``photos.pixels`` for why not Qt's decoders)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from workstation.photos.pixels import decode_pixels


def decoded_image(data: bytes, *, fit: tuple[int, int] | None = None, upright: bool = False) -> QImage:
    """``data`` as an image that owns its pixels; a null image when it cannot be decoded. Safe on any thread."""
    pixels = decode_pixels(data, fit=fit, upright=upright)
    if pixels is None:
        return QImage()
    form = QImage.Format.Format_RGBA8888 if pixels.channels == 4 else QImage.Format.Format_RGB888
    return QImage(pixels.data, pixels.width, pixels.height, pixels.width * pixels.channels, form).copy()
