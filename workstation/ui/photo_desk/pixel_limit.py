"""The largest picture the desk will open: a per-user setting, since it guards this machine's memory.

A 100-megapixel limit refuses decompression bombs yet takes any camera's
frame; a desk that receives panoramas or scans can raise it, a small laptop
can lower it. It is kept in the user's Qt settings, not the library file,
because it describes the computer rather than the newsroom's archive.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QWidget

from workstation.photos.ingest import DEFAULT_MAX_PIXELS

SETTINGS_KEY = "photos/max_megapixels"
MEGAPIXEL = 1_000_000
LOWEST_MEGAPIXELS = 1
HIGHEST_MEGAPIXELS = 1_000


def stored_pixel_limit() -> int:
    """The limit in pixels; a missing, damaged or out-of-range setting gives the default."""
    value = QSettings().value(SETTINGS_KEY, DEFAULT_MAX_PIXELS // MEGAPIXEL)
    try:
        megapixels = int(str(value))
    except ValueError:
        return DEFAULT_MAX_PIXELS
    if not LOWEST_MEGAPIXELS <= megapixels <= HIGHEST_MEGAPIXELS:
        return DEFAULT_MAX_PIXELS
    return megapixels * MEGAPIXEL


def store_pixel_limit(pixels: int) -> None:
    QSettings().setValue(SETTINGS_KEY, pixels // MEGAPIXEL)


def ask_pixel_limit(parent: QWidget, current: int) -> int | None:
    """Ask for a new limit in megapixels; None when the user cancels."""
    megapixels, ok = QInputDialog.getInt(
        parent,
        "Largest picture accepted",
        "Refuse pictures larger than this many megapixels\n"
        "(a 24-megapixel camera frame is 24; decompression bombs are thousands):",
        current // MEGAPIXEL,
        LOWEST_MEGAPIXELS,
        HIGHEST_MEGAPIXELS,
    )
    return megapixels * MEGAPIXEL if ok else None
