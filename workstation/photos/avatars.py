"""Author avatars: square crops of a chosen picture (the initials drawn without one: ``photos.initials``).

An avatar is a small square shown beside every byline, so it is stored
already cropped and scaled, stripped of all metadata (a portrait's GPS
position or camera serial has no business in an author box).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from workstation.errors import ImageRefused
from workstation.photos.ingest import ALLOWED_FORMATS, DEFAULT_MAX_PIXELS, display_mode, draft_for_scale, upright_size

AVATAR_SIZE = 400
# The photo library's own limits: any photo it accepted can become an avatar.
MAX_PIXELS = DEFAULT_MAX_PIXELS


def crop_square(data: bytes, box: tuple[int, int, int] | None = None, size: int = AVATAR_SIZE) -> bytes:
    """A ``size`` x ``size`` PNG (pictures with transparency) or JPEG of the square ``box``.

    ``box`` is ``(x, y, side)`` in the picture as it is displayed, after its
    EXIF orientation is applied; ``None`` takes the largest centred square.
    A box reaching past the edge is pulled back inside the picture. A crop
    smaller than ``size`` is kept at its own size rather than blown up.
    """
    image = _header(data)
    width, height = upright_size(image)
    if box is None:
        side = min(width, height)
        x, y = (width - side) // 2, (height - side) // 2
    else:
        x, y, side = (int(v) for v in box)
        if side <= 0:
            raise ImageRefused(f"the crop square must have a positive size (got {side})")
        side = min(side, width, height)
        x = min(max(x, 0), width - side)
        y = min(max(y, 0), height - side)
    target = min(size, side)
    image = _decode(image, target / side)
    ratio = image.width / width
    square = image.crop((round(x * ratio), round(y * ratio), round((x + side) * ratio), round((y + side) * ratio)))
    if square.size != (target, target):
        square = square.resize((target, target), Image.Resampling.LANCZOS)
    return _encode(square)


@dataclass(frozen=True)
class OrientedImage:
    """A picture turned upright and shrunk for a crop view.

    ``width`` and ``height`` are the full upright size: the crop box chosen
    on the small copy is scaled by ``width / preview_width`` for ``crop_square``.
    """

    data: bytes
    preview_width: int
    preview_height: int
    width: int
    height: int


def oriented_preview(data: bytes, max_side: int = 1200) -> OrientedImage:
    """An upright copy no larger than ``max_side`` (twice the crop view, for sharp HiDPI screens).

    Bad images are refused exactly as ``crop_square`` refuses them, so the
    crop view never opens on a picture that cannot be saved.
    """
    image = _header(data)
    width, height = upright_size(image)
    image = _decode(image, min(1.0, max_side / max(width, height)))
    image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return OrientedImage(_encode(image), image.width, image.height, width, height)


def image_mime(data: bytes) -> str:
    """The MIME type of a stored avatar (only PNG and JPEG are ever stored)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    raise ImageRefused("an avatar must be a PNG or JPEG image")


def _header(data: bytes) -> Image.Image:
    """Open without decoding, refusing what is not an image or is too large to decode safely."""
    if not data:
        raise ImageRefused("the avatar image is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except UnidentifiedImageError:
        raise ImageRefused(
            "the avatar file is not an image Workstation can read (JPEG, PNG, WebP, GIF or TIFF)"
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused("the avatar image is too large to decode safely (decompression bomb)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRefused(f"the avatar image is damaged ({exc})") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageRefused(
            f"the avatar image is {image.width}x{image.height} pixels, "
            f"over the {MAX_PIXELS // 1_000_000} megapixel limit"
        )
    return image


def _decode(image: Image.Image, scale: float) -> Image.Image:
    """Decode (a JPEG at the smallest draft scale still ``scale`` or larger) and turn it upright.

    Draft mode lets a 24-megapixel camera frame decode at 1/4 or 1/8 size
    when only a 400-pixel avatar is wanted: several times faster, and the
    decode still proves the data complete.
    """
    try:
        draft_for_scale(image, scale)
        image.load()
        return ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(f"the avatar image is damaged or truncated ({exc})") from None


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    if _has_alpha(image):
        image.convert("RGBA").save(out, format="PNG", optimize=True)
    else:
        display_mode(image).convert("RGB").save(out, format="JPEG", quality=90, optimize=True, progressive=True)
    return out.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    return image.mode == "P" and "transparency" in image.info
