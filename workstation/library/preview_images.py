"""Images for the live preview, from the library and never the full original.

The preview asks for a photo at the width its layout wants. Small widths
are answered with the stored thumbnail (no decoding at all); larger ones
with a rendition made from the original, capped so that a 24-megapixel
frame is never sent whole to the web view.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.models import Photo, PhotoThumbnail
from workstation.library.original_store import open_original
from workstation.library.photos import load_original
from workstation.photos.shapes import HELD_IN_MEMORY

# The widest image the preview ever needs: a desktop column on a HiDPI screen.
PREVIEW_MAX_WIDTH = 1600


@dataclass(frozen=True)
class PreviewSource:
    """Bytes for a preview: ``ready`` ones (the stored thumbnail) are shown as they are, others need encoding."""

    data: bytes
    ready: bool


def preview_source(session: Session, photo_id: int, width: int) -> PreviewSource:
    """The stored thumbnail when it is ``width`` wide already, else the original (checked) to encode.

    An original too large to hold (``HELD_IN_MEMORY``) is not handed on
    whole: its preview is made here, from the original read as a file, and
    returned ready. This runs on the caller's thread (a job's, never the UI's).
    """
    if width <= 0:
        raise ValidationError(f"photo width must be positive, not {width}")
    thumbnail = session.get(PhotoThumbnail, photo_id)
    if thumbnail is not None and width <= thumbnail.width:
        return PreviewSource(thumbnail.data, ready=True)
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise ValidationError(f"photo {photo_id} is not in this library")
    if photo.size_bytes > HELD_IN_MEMORY:
        from workstation.photos.renditions import make_rendition

        with open_original(session, photo_id) as original:
            return PreviewSource(make_rendition(original, min(width, PREVIEW_MAX_WIDTH), "jpeg").data, ready=True)
    return PreviewSource(load_original(session, photo_id), ready=False)


def preview_image(session: Session, photo_id: int, width: int) -> tuple[bytes, str]:
    """JPEG bytes and MIME type of photo ``photo_id`` at about ``width`` pixels."""
    source = preview_source(session, photo_id, width)
    if source.ready:
        return source.data, "image/jpeg"
    from workstation.photos.renditions import make_rendition

    rendition = make_rendition(source.data, min(width, PREVIEW_MAX_WIDTH), "jpeg")
    return rendition.data, rendition.mime
