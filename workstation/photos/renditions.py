"""Published sizes of a photo: scaled, cropped to an aspect, and scrubbed.

A rendition is decoded at the smallest JPEG draft scale that still covers
the target, turned upright by its EXIF orientation, cropped around the
photo's focal point when an aspect is asked for, and never enlarged: a
700-pixel original yields at most a 700-pixel rendition. Its metadata is
built from the record alone (see ``rights``), never copied from the camera.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

from workstation.errors import ImageRefused
from workstation.photos.ingest import display_mode, draft_for_scale, upright_size
from workstation.photos.rights import RightsMetadata, rights_exif, xmp_packet

RENDITION_WIDTHS = (480, 960, 1600, 2400)
FORMATS = {"jpeg": ("JPEG", "image/jpeg"), "webp": ("WEBP", "image/webp")}
JPEG_QUALITY = 82
WEBP_QUALITY = 80

__all__ = ["RENDITION_WIDTHS", "Rendition", "RightsMetadata", "make_rendition", "rendition_widths"]


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    mime: str


def rendition_widths(original_width: int) -> tuple[int, ...]:
    """The widths worth making for an original: the standard ones below it,
    then the original's own width when it is narrower than the largest."""
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    if original_width < RENDITION_WIDTHS[-1]:
        widths.append(original_width)
    else:
        widths.append(RENDITION_WIDTHS[-1])
    return tuple(sorted(set(widths)))


def crop_box(
    size: tuple[int, int], aspect: tuple[int, int] | None, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of ``aspect`` inside ``size`` that keeps the focal point.

    The box is centred on the focal point and slid back inside the frame
    where it would cross an edge, so the point is always inside it.
    """
    width, height = size
    if aspect is None:
        return (0, 0, width, height)
    ratio = aspect[0] / aspect[1]
    if width / height > ratio:
        box_w, box_h = max(1, round(height * ratio)), height
    else:
        box_w, box_h = width, max(1, round(width / ratio))
    fx = min(1.0, max(0.0, focal[0])) * width
    fy = min(1.0, max(0.0, focal[1])) * height
    left = min(max(0, round(fx - box_w / 2)), width - box_w)
    top = min(max(0, round(fy - box_h / 2)), height - box_h)
    return (left, top, left + box_w, top + box_h)


def make_rendition(
    original: bytes,
    width: int,
    fmt: str = "jpeg",
    aspect: tuple[int, int] | None = None,
    focal: tuple[float, float] = (0.5, 0.5),
    rights: RightsMetadata | None = None,
) -> Rendition:
    """One rendition of ``original`` at ``width`` (or narrower, never wider)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown rendition format {fmt!r}; use 'jpeg' or 'webp'")
    if width < 1 or (aspect is not None and min(aspect) < 1):
        raise ValueError(f"bad rendition size: width {width}, aspect {aspect}")
    try:
        frame, icc_profile = _decode(original, width, aspect, focal)
    except Exception as exc:  # decoders signal damage with many types
        raise ImageRefused(f"the stored image cannot be decoded ({exc})") from None
    pillow_format, mime = FORMATS[fmt]
    options: dict[str, object] = {
        "exif": rights_exif(rights or RightsMetadata()).tobytes(),
        "xmp": xmp_packet(rights or RightsMetadata()),
    }
    if icc_profile:
        options["icc_profile"] = icc_profile
    if pillow_format == "JPEG":
        options.update(quality=JPEG_QUALITY, progressive=True, optimize=True)
    else:
        options.update(quality=WEBP_QUALITY, method=4)
    buffer = io.BytesIO()
    frame.save(buffer, pillow_format, **options)
    return Rendition(data=buffer.getvalue(), width=frame.width, height=frame.height, mime=mime)


def _decode(
    original: bytes, width: int, aspect: tuple[int, int] | None, focal: tuple[float, float]
) -> tuple[Image.Image, bytes | None]:
    with Image.open(io.BytesIO(original)) as image:
        display = upright_size(image)
        box = crop_box(display, aspect, focal)
        target_w = min(width, box[2] - box[0])
        draft_for_scale(image, target_w / (box[2] - box[0]))
        # An RGB profile still describes the pixels after scaling; a CMYK
        # one does not once they are converted, so it is dropped.
        icc_profile = image.info.get("icc_profile") if image.mode in ("RGB", "YCbCr") else None
        image.load()
        upright = display_mode(ImageOps.exif_transpose(image))
    shrink = upright.width / display[0]
    decoded_box = (
        round(box[0] * shrink),
        round(box[1] * shrink),
        max(round(box[0] * shrink) + 1, round(box[2] * shrink)),
        max(round(box[1] * shrink) + 1, round(box[3] * shrink)),
    )
    cropped = upright.crop(decoded_box)
    target_h = max(1, round(target_w * (box[3] - box[1]) / (box[2] - box[0])))
    if cropped.size != (target_w, target_h):
        cropped = cropped.resize((target_w, target_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return cropped, icc_profile
