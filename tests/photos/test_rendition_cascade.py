"""Renditions made fast (a draft-scale decode, each size resized from the next larger) look like the slow way's.

The slow way is what a careful script does: decode the whole frame, crop,
and resize straight to the size with Lanczos. Encoding its pixels as a
JPEG or WebP already loses something; a rendition may lose only a little
more (``MARGIN_DB`` of peak signal-to-noise ratio, on a scene of hard
edges and fine lines that shows resampling at its worst).
"""

from __future__ import annotations

import io
import math

from photo_helpers import encode
from PIL import Image, ImageChops, ImageDraw, ImageStat

from workstation.photos.renditions import Request, crop_box, make_renditions, rendition_size

SIZE = (1600, 1066)
REQUESTS = [
    *(Request(width, "jpeg", aspect) for width in (720, 480, 240) for aspect in (None, (16, 9), (1, 1))),
    *(Request(width, "webp") for width in (720, 240)),
]
# How much further from the slow way's pixels a rendition may be than the slow way's own, encoded alike.
MARGIN_DB = 1.5


def scene(size: tuple[int, int]) -> Image.Image:
    """Smooth light with hard edges and fine lines, like a street at dusk: what resampling can get wrong."""
    width, height = size
    ramp = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", [ramp, ramp.transpose(Image.Transpose.ROTATE_180), Image.radial_gradient("L").resize(size)])
    draw = ImageDraw.Draw(image)
    for step in range(0, width, width // 40):
        draw.line([(step, 0), (width - step, height)], fill=(250, 240, 30), width=3)
    for step in range(8):
        box = (step * width // 9, height // 3, step * width // 9 + width // 12, 2 * height // 3)
        draw.rectangle(box, fill=(20 * step, 200 - 20 * step, 90))
    draw.ellipse((width // 3, height // 5, 2 * width // 3, 4 * height // 5), outline=(0, 0, 0), width=12)
    return image


def the_slow_way(frame: Image.Image, request: Request) -> Image.Image:
    box = crop_box(frame.size, request.aspect, (0.5, 0.5))
    target = rendition_size((box[2] - box[0], box[3] - box[1]), request.width, request.fmt)
    return frame.crop(box).resize(target, Image.Resampling.LANCZOS)


def psnr(a: Image.Image, b: Image.Image) -> float:
    mse = sum(value**2 for value in ImageStat.Stat(ImageChops.difference(a, b)).rms) / 3
    return 10 * math.log10(255**2 / max(mse, 1e-9))


def test_fast_renditions_match_a_full_decode_resized_straight_to_size() -> None:
    original = encode(scene(SIZE), "JPEG", quality=95)
    renditions = make_renditions(original, REQUESTS)
    with Image.open(io.BytesIO(original)) as whole:
        whole.load()
    for request, rendition in zip(REQUESTS, renditions):
        expected = the_slow_way(whole, request)
        options = {"quality": 82} if request.fmt == "jpeg" else {"quality": 80, "method": 4}
        with Image.open(io.BytesIO(encode(expected, request.fmt.upper(), **options))) as encoded:
            floor = psnr(encoded.convert("RGB"), expected) - MARGIN_DB
        with Image.open(io.BytesIO(rendition.data)) as made:
            assert made.size == expected.size == (rendition.width, rendition.height)
            assert psnr(made.convert("RGB"), expected) >= floor, request
