"""The largest side each rendition format holds, and which photo shapes fit every format in proportion.

Apart from ``renditions`` (which encodes with Pillow) so that preflight can
judge a photo's shape without importing an image library.
"""

from __future__ import annotations

# The largest side each encoder writes (libjpeg's limit; WebP's 14-bit sizes).
MAX_SIDE = {"jpeg": 65_500, "webp": 16_383}


def in_proportion(width: int, height: int) -> bool:
    """Whether every format can hold a photo of this shape without stretching it (see ``renditions.rendition_size``)."""
    return max(width, height) <= min(width, height) * min(MAX_SIDE.values())
