"""Photo and rendition sizes without pixels: the largest side each rendition format holds, which photo
shapes fit every format in proportion, the widths and sizes renditions are made at (and the version of
that way), and how large an original is held in memory.

Apart from ``renditions`` and ``ingest`` (which decode and encode with
Pillow) so that preflight can judge a photo's shape, and an export plan its
pages' pictures, without importing an image library (Pillow takes 15-20 ms
to import, which an export whose pictures are all made spends for nothing).
"""

from __future__ import annotations

from typing import BinaryIO

# The largest side each encoder writes (libjpeg's limit; WebP's 14-bit sizes).
MAX_SIDE = {"jpeg": 65_500, "webp": 16_383}


def in_proportion(width: int, height: int) -> bool:
    """Whether every format can hold a photo of this shape without stretching it (see ``rendition_size``)."""
    return max(width, height) <= min(width, height) * min(MAX_SIDE.values())


RENDITION_WIDTHS = (480, 960, 1600, 2400)
# An original narrower than the largest width gets a rendition of its own width only this much wider
# than the widest standard one below it (the standard widths step by 1.5-2).
OWN_WIDTH_STEP = 1.2
# Which way renditions are made (``renditions``): bumped whenever the same request gives other bytes, or a photo gets
# other widths (``rendition_widths``), so that the files named by it (``publish.images.RenditionKey``)
# and the pages that link them are made again.
# 2: baseline JPEG; teaser crops resampled from the rendition of their own width; ``OWN_WIDTH_STEP``.
RENDITION_VERSION = 2
# An original in memory, or open as a file (a large one, read from the library a chunk at a time).
Original = bytes | BinaryIO
# An original up to this size is read into memory once, as every camera
# JPEG is (fastest: one read, one hash); a larger one (an agency TIFF, a
# panorama) is never held whole, but streamed from its file at import and
# read from the library through a temporary file (``library.original_store``).
HELD_IN_MEMORY = 16 * 1024 * 1024


def rendition_size(box: tuple[int, int], width: int, fmt: str) -> tuple[int, int]:
    """The size of a rendition of a ``box``-sized picture asked at ``width``.

    Never wider than asked or than the box, and never beyond ``MAX_SIDE``
    for the format; the proportions are kept down to a side of one pixel.
    """
    box_w, box_h = box
    limit = MAX_SIDE[fmt]
    w = min(width, box_w, limit)
    if box_h * w > limit * box_w:  # too tall at that width: narrower, so asking again at w gives the same size
        w = max(1, box_w * limit // box_h)
    return w, min(limit, max(1, round(box_h * w / box_w)))


def rendition_widths(original_width: int) -> tuple[int, ...]:
    """The widths worth making for an original: the standard ones below it,
    then the original's own width when it is narrower than the largest and
    at least ``OWN_WIDTH_STEP`` times the widest standard one below it.

    A closer step gives a ``srcset`` a candidate a reader cannot tell from
    the next smaller one, at the cost of the largest, dearest files to
    encode: a 1800-pixel original's 1800 beside its 1600 is chosen only for
    a slot wider than 1600 pixels, and the widest the site's layout has (a
    lead at 54rem on a 2x screen, 1728 pixels) shows the 1600 one 8 % short.
    """
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    if original_width >= RENDITION_WIDTHS[-1]:
        widths.append(RENDITION_WIDTHS[-1])
    elif not widths or original_width >= OWN_WIDTH_STEP * widths[-1]:
        widths.append(original_width)
    return tuple(sorted(set(widths)))
