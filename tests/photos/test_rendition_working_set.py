"""A photo's renditions are encoded one size at a time: never more is held than the decoded frame and one more picture.

Each size is encoded as soon as it is made, and a picture no later size is
resized from is let go, so an export's worker holds the frame, then a
couple of smaller pictures, instead of every size of the photo at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from photo_helpers import encode, picture
from PIL import Image

from workstation.photos.renditions import Request, decoded_pixels, make_renditions

# A lead photo's renditions at export: both formats at every width, the card crops, the social crops.
REQUESTS = [
    *(Request(width, fmt) for fmt in ("webp", "jpeg") for width in (480, 960, 1600, 2400)),
    *(Request(width, fmt, (16, 9)) for fmt in ("webp", "jpeg") for width in (480, 960)),
    *(Request(1600, "jpeg", aspect) for aspect in ((16, 9), (4, 3), (1, 1))),
]


def held_pixels() -> int:
    """Pixels of every decoded picture alive in this process, made since ``young_heap`` froze the rest."""
    gc.collect()
    return sum(o.width * o.height for o in gc.get_objects() if isinstance(o, Image.Image) and o._im is not None)


@pytest.fixture
def young_heap() -> Iterator[None]:
    """The objects alive before the test are frozen out of collections and of ``gc.get_objects``.

    A test process holds every module the suite imported: scanning all of
    its objects at each of the 17 saves took seconds. The pictures the
    renditions are made from and into are all made during the test.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("young_heap")
def test_the_pictures_held_while_encoding_are_at_most_the_frame_and_the_largest_rendition(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = encode(picture((3000, 2000)), "JPEG", quality=90)
    frame = decoded_pixels(original, REQUESTS)
    held: list[int] = []
    save = Image.Image.save

    def counted(self: Image.Image, *args: Any, **kwargs: Any) -> None:
        held.append(held_pixels())
        save(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "save", counted)
    renditions = make_renditions(original, REQUESTS)
    assert len(renditions) == len(REQUESTS) and len(held) == len(set(REQUESTS))
    largest = max(rendition.width * rendition.height for rendition in renditions)
    assert max(held) <= frame + largest
