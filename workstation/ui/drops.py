"""Telling a dropped library file from dropped photos.

A library dropped anywhere on the window opens it; the editor and the photo
desk must let such a drop pass rather than import it as a picture.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from workstation import LIBRARY_SUFFIX
from workstation.library.database import is_library_file


def dropped_library(mime: QMimeData) -> Path | None:
    """The first dropped local file that is a library (by signature, or by name so a damaged one gets its message)."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file() and (path.suffix == LIBRARY_SUFFIX or is_library_file(path)):
                return path
    return None
