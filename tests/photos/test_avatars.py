"""Square avatar crops."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pytest
from PIL import Image

from workstation.errors import ImageRefused
from workstation.library.authors import create_author, find_author, set_avatar
from workstation.library.database import Library
from workstation.photos.avatars import crop_square, oriented_preview

RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 30), (30, 30, 220), (230, 220, 20)


def close(actual: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - e) <= 12 for a, e in zip(actual[:3], expected, strict=True))


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_default_crop_is_the_centred_square_at_400_pixels(quadrant_picture: Callable[..., bytes]) -> None:
    image = decoded(crop_square(quadrant_picture(1000, 600)))
    assert image.size == (400, 400)
    assert close(image.getpixel((20, 20)), RED)
    assert close(image.getpixel((380, 20)), GREEN)
    assert close(image.getpixel((20, 380)), BLUE)
    assert close(image.getpixel((380, 380)), YELLOW)


def test_box_picks_one_quadrant(quadrant_picture: Callable[..., bytes]) -> None:
    image = decoded(crop_square(quadrant_picture(800, 600), box=(450, 320, 250), size=100))
    assert image.size == (100, 100)
    assert all(close(image.getpixel(p), YELLOW) for p in [(0, 0), (99, 0), (0, 99), (99, 99), (50, 50)])


def test_box_past_the_edge_is_pulled_inside(quadrant_picture: Callable[..., bytes]) -> None:
    image = decoded(crop_square(quadrant_picture(800, 600), box=(700, -50, 200), size=200))
    assert image.size == (200, 200)
    assert close(image.getpixel((100, 100)), GREEN)


def test_small_crop_is_not_enlarged(quadrant_picture: Callable[..., bytes]) -> None:
    image = decoded(crop_square(quadrant_picture(800, 600), box=(10, 10, 120)))
    assert image.size == (120, 120)


def test_exif_orientation_is_applied_before_cropping(rotated_jpeg: bytes) -> None:
    # Shown upright, the 800x600 picture turned clockwise is 600 wide and 800 tall,
    # with blue (was bottom-left) now at the top-left.
    image = decoded(crop_square(rotated_jpeg, box=(0, 0, 300), size=100))
    assert close(image.getpixel((50, 50)), BLUE)


def test_opaque_picture_becomes_a_jpeg_without_metadata(rotated_jpeg: bytes) -> None:
    data = crop_square(rotated_jpeg)
    image = decoded(data)
    assert image.format == "JPEG"
    assert not image.getexif()


def test_transparent_picture_stays_a_png() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(out, format="PNG")
    assert decoded(crop_square(out.getvalue())).format == "PNG"


def test_not_an_image_is_refused() -> None:
    with pytest.raises(ImageRefused, match="not an image"):
        crop_square(b"<html>definitely not a picture</html>")


def test_empty_data_is_refused() -> None:
    with pytest.raises(ImageRefused, match="empty"):
        crop_square(b"")


def test_truncated_image_is_refused(quadrant_picture: Callable[..., bytes]) -> None:
    data = quadrant_picture(800, 600, "JPEG")
    with pytest.raises(ImageRefused, match="damaged or truncated"):
        crop_square(data[: len(data) // 2])


def test_decompression_bomb_is_refused() -> None:
    # A PNG header claiming 30000 x 30000 pixels: refused before any decoding.
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ImageRefused, match="megapixel|decompression bomb"):
        crop_square(bomb)


def test_zero_sized_box_is_refused(quadrant_picture: Callable[..., bytes]) -> None:
    with pytest.raises(ImageRefused, match="positive size"):
        crop_square(quadrant_picture(), box=(0, 0, 0))


def test_set_avatar_stores_a_square_and_none_clears_it(
    library: Library, quadrant_picture: Callable[..., bytes]
) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz")
        set_avatar(session, author, quadrant_picture(800, 600), box=(0, 0, 300))
    with library.session() as session:
        stored = find_author(session, "anna-moroz")
        assert stored.avatar_mime == "image/jpeg"
        assert decoded(stored.avatar).size == (300, 300)
    with library.transaction() as session:
        set_avatar(session, find_author(session, "anna-moroz"), None)
    with library.session() as session:
        stored = find_author(session, "anna-moroz")
        assert stored.avatar is None and stored.avatar_mime == ""


def test_refused_avatar_leaves_the_old_one(library: Library, quadrant_picture: Callable[..., bytes]) -> None:
    with library.transaction() as session:
        set_avatar(session, create_author(session, "Anna Moroz"), quadrant_picture())
    with pytest.raises(ImageRefused):
        with library.transaction() as session:
            set_avatar(session, find_author(session, "anna-moroz"), b"GIF89a broken")
    with library.session() as session:
        assert find_author(session, "anna-moroz").avatar is not None


def test_sixteen_bit_greyscale_is_scaled_not_clipped_to_white() -> None:
    out = io.BytesIO()
    Image.new("I;16", (200, 200), 32768).save(out, format="PNG")
    grey = decoded(crop_square(out.getvalue())).convert("L").getpixel((100, 100))
    assert 110 <= grey <= 145


def test_cmyk_jpeg_becomes_an_rgb_avatar() -> None:
    out = io.BytesIO()
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(out, format="JPEG")
    image = decoded(crop_square(out.getvalue()))
    assert image.mode == "RGB"
    assert close(image.getpixel((100, 100)), (255, 0, 0))


def test_oriented_preview_is_upright_and_knows_the_full_size(rotated_jpeg: bytes) -> None:
    preview = oriented_preview(rotated_jpeg, max_side=200)
    assert (preview.width, preview.height) == (600, 800)
    assert (preview.preview_width, preview.preview_height) == (150, 200)
    assert close(decoded(preview.data).getpixel((10, 10)), BLUE)
