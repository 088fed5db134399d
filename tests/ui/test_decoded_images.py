"""Images the desks decode on worker threads: made from Pillow's pixels, never through Qt's decoders."""

from __future__ import annotations

import io
import threading

from PIL import Image
from PySide6.QtGui import QColor, QImage

from workstation.ui.decoded_images import decoded_image


def _png(mode: str, colour: object) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (30, 20), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_opaque_picture_becomes_an_image_with_its_colours() -> None:
    image = decoded_image(_png("RGB", (10, 200, 30)))
    assert (image.width(), image.height()) == (30, 20)
    assert image.pixelColor(5, 5) == QColor(10, 200, 30)


def test_a_transparent_picture_keeps_its_alpha() -> None:
    image = decoded_image(_png("RGBA", (0, 0, 0, 0)))
    assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0


def test_broken_data_gives_a_null_image() -> None:
    assert decoded_image(b"not a picture").isNull()


def test_the_image_owns_its_pixels_once_the_decoding_thread_is_gone() -> None:
    made: list[QImage] = []
    worker = threading.Thread(target=lambda: made.append(decoded_image(_png("RGB", (250, 5, 5)))))
    worker.start()
    worker.join()
    assert made[0].pixelColor(29, 19) == QColor(250, 5, 5)
