"""JPEG renditions are baseline JPEGs with optimised Huffman tables, not progressive ones.

Progressive encoding took libjpeg-turbo 2.5 times as long for files 3 %
smaller on photographs; a browser shows a figure's WebP, so the JPEG goes
to feeds, link previews and old browsers. Optimised tables still make the
file smaller than the standard ones, for a third of progressive's cost.
"""

from __future__ import annotations

import io

from photo_helpers import encode, picture
from PIL import Image

from workstation.photos.renditions import make_rendition


def test_a_jpeg_rendition_is_baseline() -> None:
    rendition = make_rendition(encode(picture((1800, 1200)), "JPEG", quality=90), 960)
    with Image.open(io.BytesIO(rendition.data)) as made:
        assert made.format == "JPEG" and (made.width, made.height) == (960, 640)
        assert not made.info.get("progressive") and not made.info.get("progression")


def test_a_jpeg_rendition_has_optimised_huffman_tables() -> None:
    rendition = make_rendition(encode(picture((1800, 1200)), "JPEG", quality=90), 960)
    with Image.open(io.BytesIO(rendition.data)) as made:
        made.load()
        pixels = made.copy()
    # The same pixels and metadata with the standard tables make a larger file.
    standard = encode(pixels, "JPEG", quality=82, exif=made.info.get("exif", b""))
    assert len(rendition.data) < len(standard)
