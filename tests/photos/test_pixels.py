"""Pictures decoded to raw pixels for the desks' worker threads: sizes, orientation and bad input."""

from __future__ import annotations

import io

from PIL import Image

from workstation.photos.pixels import decode_pixels


def _encoded(size: tuple[int, int], form: str, mode: str = "RGB", colour: object = (200, 30, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, form)
    return buffer.getvalue()


def test_a_jpeg_is_decoded_to_rgb_rows_at_its_size() -> None:
    pixels = decode_pixels(_encoded((64, 48), "JPEG"))
    assert (pixels.width, pixels.height, pixels.channels) == (64, 48, 3)
    assert len(pixels.data) == 64 * 48 * 3


def test_a_png_with_transparency_keeps_its_alpha() -> None:
    pixels = decode_pixels(_encoded((10, 10), "PNG", "RGBA", (0, 0, 255, 0)))
    assert pixels.channels == 4 and pixels.data[3] == 0


def test_a_large_picture_is_scaled_to_fit_and_keeps_its_shape() -> None:
    pixels = decode_pixels(_encoded((1600, 1200), "JPEG"), fit=(176, 132))
    assert (pixels.width, pixels.height) == (176, 132)


def test_a_picture_smaller_than_the_fit_is_not_enlarged() -> None:
    pixels = decode_pixels(_encoded((40, 30), "PNG"), fit=(176, 132))
    assert (pixels.width, pixels.height) == (40, 30)


def test_upright_turns_a_sideways_jpeg_by_its_orientation(rotated_jpeg: bytes) -> None:
    assert (decode_pixels(rotated_jpeg).width, decode_pixels(rotated_jpeg).height) == (800, 600)
    upright = decode_pixels(rotated_jpeg, upright=True)
    assert (upright.width, upright.height) == (600, 800)


def test_empty_broken_and_truncated_input_decode_to_nothing() -> None:
    whole = _encoded((300, 200), "PNG")
    assert decode_pixels(b"") is None
    assert decode_pixels(b"\xff\xd8\xff garbage") is None
    assert decode_pixels(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert decode_pixels(whole[: len(whole) // 2]) is None


def test_a_decompression_bomb_decodes_to_nothing() -> None:
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    assert decode_pixels(buffer.getvalue()) is None
