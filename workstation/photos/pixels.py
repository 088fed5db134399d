"""Pictures decoded to raw pixels for the desks' worker threads, without Qt.

A desk decodes thumbnails, previews and originals on worker threads. Qt's
own decoders (``QImage.fromData``, ``QImageReader``) make and destroy a
``QBuffer`` and probe plugins that connect signals, which takes one of
Qt's shared signal-slot locks while the worker still holds Python's
interpreter lock; when the UI thread at that moment destroys a widget
whose Python override it must call, each waits for the other and the
window freezes. Pillow decodes without Qt and releases the interpreter
lock while it decodes, so the desks decode here and make a ``QImage``
from the pixels, which takes no lock.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError


@dataclass(frozen=True)
class Pixels:
    """A decoded picture: 8-bit RGB or RGBA rows, top to bottom, ``width * channels`` bytes each."""

    width: int
    height: int
    channels: int
    data: bytes


def decode_pixels(data: bytes, *, fit: tuple[int, int] | None = None, upright: bool = False) -> Pixels | None:
    """``data`` decoded (scaled to fit inside ``fit`` when it is larger; turned by its EXIF orientation
    when ``upright``), or None when it is empty, broken or not a picture Pillow reads."""
    if not data:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if fit is not None:
                image.draft("RGB", fit)
            picture = ImageOps.exif_transpose(image) if upright else image
            if fit is not None and (picture.width > fit[0] or picture.height > fit[1]):
                picture.thumbnail(fit)
            mode = "RGBA" if "A" in picture.getbands() or "transparency" in picture.info else "RGB"
            converted = picture.convert(mode)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError):
        return None
    return Pixels(converted.width, converted.height, len(mode), converted.tobytes())
