"""A crop is resampled from the rendition of its own width, not from a picture twice its size.

A 16:9 teaser of a 3:2 photo at 960 pixels shows the same part of the
photo, at the same scale, as the photo's 960-pixel rendition less a band
at the top and bottom: it is made from that rendition, resampled along
the one side the crop shortens (by the fraction of a pixel the two sizes'
rounding differs), which costs a fraction of resizing a larger picture
again. How close it stays to a straight resize of the full frame is
``test_rendition_cascade``'s part.
"""

from __future__ import annotations

from typing import Any

import pytest
from photo_helpers import encode, picture
from PIL import Image

from workstation.photos.renditions import Request, make_renditions

# A lead photo's renditions in an export of a 1800x1200 original (the benchmark's): full frame and
# teaser crop at each width, both formats, and the social crops.
REQUESTS = [
    *(Request(width, fmt, aspect) for width in (480, 960) for fmt in ("jpeg", "webp") for aspect in (None, (16, 9))),
    *(Request(width, fmt) for width in (1600, 1800) for fmt in ("jpeg", "webp")),
    *(Request(1600, "jpeg", aspect) for aspect in ((16, 9), (4, 3), (1, 1))),
]


@pytest.fixture
def resized(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each resize Pillow makes from here on: the size of the picture resized and the size it was resized to."""
    seen: list[tuple[tuple[int, int], tuple[int, int]]] = []
    resize = Image.Image.resize

    def watched(self: Image.Image, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        seen.append((self.size, tuple(size)))  # type: ignore[arg-type]
        return resize(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", watched)
    return seen


@pytest.fixture
def original() -> bytes:
    return encode(picture((1800, 1200)), "JPEG", quality=90)


def test_each_teaser_crop_is_resampled_from_the_rendition_of_its_width(
    original: bytes, resized: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    renditions = make_renditions(original, REQUESTS)
    sizes = {(request.width, request.aspect): (made.width, made.height) for request, made in zip(REQUESTS, renditions)}
    assert sizes[(1600, (16, 9))] == (1600, 900)
    assert sizes[(960, (16, 9))] == (960, 540) and sizes[(480, (16, 9))] == (480, 270)
    sources = {target: source for source, target in resized}
    assert sources[(1600, 900)] == (1600, 1067)
    assert sources[(960, 540)] == (960, 640)
    assert sources[(480, 270)] == (480, 320)


def test_each_size_is_resized_once_and_crops_of_the_frame_are_not_resized(
    original: bytes, resized: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    make_renditions(original, REQUESTS)
    # The decoded frame is the 1800-pixel rendition; the 4:3 (1600x1200) and 1:1 (1200x1200) crops are cut from it.
    assert sorted(target for _source, target in resized) == [
        (480, 270), (480, 320), (960, 540), (960, 640), (1600, 900), (1600, 1067)
    ]
