"""Images for the live preview, from the library and never the full original.

The preview asks for a photo at the width its layout wants. Small widths
are answered with the stored thumbnail (no decoding at all); larger ones
with a rendition made from the original, capped so that a 24-megapixel
frame is never sent whole to the web view.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.models import Photo, PhotoThumbnail

# The widest image the preview ever needs: a desktop column on a HiDPI screen.
PREVIEW_MAX_WIDTH = 1600


def preview_image(session: Session, photo_id: int, width: int) -> tuple[bytes, str]:
    """JPEG bytes and MIME type of photo ``photo_id`` at about ``width`` pixels."""
    if width <= 0:
        raise ValidationError(f"photo width must be positive, not {width}")
    thumbnail = session.get(PhotoThumbnail, photo_id)
    if thumbnail is not None and width <= thumbnail.width:
        return thumbnail.data, "image/jpeg"
    if session.get(Photo, photo_id) is None:
        raise ValidationError(f"photo {photo_id} is not in this library")
    from workstation.library.photos import load_original
    from workstation.photos.renditions import make_rendition

    rendition = make_rendition(load_original(session, photo_id), min(width, PREVIEW_MAX_WIDTH), "jpeg")
    return rendition.data, rendition.mime
