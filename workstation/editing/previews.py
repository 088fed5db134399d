"""Photos for the live preview, read from the library off the UI thread."""

from __future__ import annotations

from workstation.library.database import Library
from workstation.library.preview_images import preview_image


def preview_photo(library: Library, photo_id: int, width: int) -> tuple[bytes, str]:
    """A photo at about ``width`` pixels: (bytes, MIME type); never the full original."""
    with library.session() as session:
        return preview_image(session, photo_id, width)
