"""Published sizes of a photo: scaled, cropped to an aspect, and scrubbed.

A photo is decoded once for all the renditions asked of it, at the
smallest scale that still covers the largest: a JPEG at its draft scale
(1/2, 1/4 or 1/8, before any pixel is decoded), any other format decoded
whole and at once reduced by a whole factor, so a 100-megapixel PNG is held
at full size only for that moment. Each distinct crop and size is resized
once (a JPEG and a WebP of it share the pixels), largest first, and each
from the smallest picture already made that covers it: resampling cost
follows the source's pixels, so a 480-pixel rendition made from the
960-pixel one costs a tenth of one made from the decoded frame, and looks
the same (``tests/photos/test_rendition_cascade.py``); a crop (a 16:9
teaser of a 3:2 photo) is resampled from the rendition of its own width,
along the one side the crop shortens. Each size is
encoded as soon as it is made, and a picture no later size is made from is
let go: a camera photo's work holds about the frame and one picture of
the largest size (``tests/photos/test_rendition_working_set.py``), not every
size at once. The frame is turned upright by its EXIF
orientation, cropped around the photo's focal point when an aspect is asked
for, and never enlarged: a 700-pixel original yields at most a 700-pixel
rendition. No rendition exceeds what its format can hold (65,500 pixels a
side for JPEG, 16,383 for WebP): a photo too long for that is scaled down
to fit, and one too thin to keep its proportions is stretched to one pixel.
Its metadata is built from the record alone (see ``rights``), never copied
from the camera: EXIF and XMP in every rendition, and IIM as well in a JPEG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps
# The two formats renditions are saved in, registered now: saving a format whose plugin is not
# loaded makes Pillow import every plugin it has (``Image.init``, ~40 ms), in each export worker.
from PIL import JpegImagePlugin, WebPImagePlugin  # noqa: F401

from workstation.errors import ImageRefused
from workstation.photos.ingest import display_mode, draft_for_scale, upright_size
from workstation.photos.rights import RightsMetadata, fitted, rights_exif, with_iim, xmp_packet
from workstation.photos.shapes import (
    MAX_SIDE,
    RENDITION_VERSION,
    RENDITION_WIDTHS,
    Original,
    in_proportion,
    rendition_size,
    rendition_widths,
)

FORMATS = {"jpeg": ("JPEG", "image/jpeg"), "webp": ("WEBP", "image/webp")}
JPEG_QUALITY = 82
WEBP_QUALITY = 80
# libwebp's effort (0-6; Pillow's default is 4). Measured on 24 MP frames resized to 1600 pixels,
# method 2 encodes in about a third of the time of 4, its files 3-4 % larger at the same quality;
# 3 already costs as much as 4.
WEBP_METHOD = 2
# The way renditions are made here is versioned by ``RENDITION_VERSION`` (``shapes``, where an export
# plans its pictures without Pillow): bump it there whenever the same request gives other bytes.
# Modes ``Image.reduce`` works on; others are converted before reducing.
REDUCIBLE = frozenset({"L", "LA", "La", "RGB", "RGBA", "RGBa", "CMYK", "YCbCr", "I", "F", "PA"})

__all__ = [
    "MAX_SIDE",
    "Original",
    "RENDITION_VERSION",
    "RENDITION_WIDTHS",
    "Rendition",
    "Request",
    "RightsMetadata",
    "decoded_pixels",
    "in_proportion",
    "make_rendition",
    "make_renditions",
    "rendition_size",
    "rendition_widths",
]


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Request:
    """One rendition asked of a photo: at most ``width`` wide, in ``fmt``, cropped to ``aspect``."""

    width: int
    fmt: str = "jpeg"
    aspect: tuple[int, int] | None = None


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
    original: Original,
    width: int,
    fmt: str = "jpeg",
    aspect: tuple[int, int] | None = None,
    focal: tuple[float, float] = (0.5, 0.5),
    rights: RightsMetadata | None = None,
) -> Rendition:
    """One rendition of ``original`` at ``width`` (or narrower, never wider)."""
    return make_renditions(original, [Request(width, fmt, aspect)], focal, rights)[0]


def make_renditions(
    original: Original,
    requests: Sequence[Request],
    focal: tuple[float, float] = (0.5, 0.5),
    rights: RightsMetadata | None = None,
) -> list[Rendition]:
    """Every rendition in ``requests``, in order, from one decoding of ``original``."""
    for request in requests:
        if request.fmt not in FORMATS:
            raise ValueError(f"unknown rendition format {request.fmt!r}; use 'jpeg' or 'webp'")
        if request.width < 1 or (request.aspect is not None and min(request.aspect) < 1):
            raise ValueError(f"bad rendition size: width {request.width}, aspect {request.aspect}")
    try:
        frame, display, icc_profile = _decode(original, requests, focal)
    except Exception as exc:  # decoders signal damage with many types
        raise ImageRefused(f"the stored image cannot be decoded ({exc})") from None
    rights = fitted(rights or RightsMetadata())
    exif = rights_exif(rights).tobytes()
    xmp = xmp_packet(rights)
    plans = [_plan(display, request, focal) for request in requests]
    made: dict[tuple[_Plan, str], Rendition] = {}
    cuts = _cuts(frame, display, plans)
    del frame  # held by the cuts only while a cut still needs it
    # Each cut is encoded in every format asked of it as soon as it is made, and then let go.
    for plan, cut in cuts:
        for request, asked in zip(requests, plans):
            if asked == plan and (plan, request.fmt) not in made:
                made[(plan, request.fmt)] = _encode(cut, request.fmt, exif, xmp, icc_profile, rights)
        del cut
    return [made[(plan, request.fmt)] for request, plan in zip(requests, plans)]


def _encode(
    cut: Image.Image, fmt: str, exif: bytes, xmp: bytes, icc_profile: bytes | None, rights: RightsMetadata
) -> Rendition:
    pillow_format, mime = FORMATS[fmt]
    options: dict[str, object] = {"exif": exif, "xmp": xmp}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if pillow_format == "JPEG":
        # Baseline, with optimised Huffman tables: progressive encoding took 2.5 times as long (every scan
        # is coded again) for files 3 % smaller on photographs. A browser takes a figure's WebP; a JPEG
        # rendition is read by feeds, link previews and old browsers, where those 3 % matter least.
        options.update(quality=JPEG_QUALITY, optimize=True)
    else:
        options.update(quality=WEBP_QUALITY, method=WEBP_METHOD)
    buffer = io.BytesIO()
    cut.save(buffer, pillow_format, **options)
    # A JPEG carries the IIM block too, for the systems that read only IIM; WebP has no place for one.
    data = with_iim(buffer.getvalue(), rights) if pillow_format == "JPEG" else buffer.getvalue()
    return Rendition(data=data, width=cut.width, height=cut.height, mime=mime)


def decoded_pixels(original: Original, requests: Sequence[Request], focal: tuple[float, float] = (0.5, 0.5)) -> int:
    """How many pixels ``make_renditions`` holds at once while decoding: what a pool budgets by.

    Reads the header only; 0 for bytes that are no image (their decoding fails at once).
    """
    try:
        with Image.open(_readable(original)) as image:
            # Only a JPEG decodes at reduced scale; and asking a PNG for its
            # orientation (as ``_scale`` does) would decode it whole.
            if image.format in ("JPEG", "MPO"):
                draft_for_scale(image, _scale(image, requests, focal))
            return image.width * image.height
    except Exception:  # decoders signal damage with many types; make_renditions reports it
        return 0


def _readable(original: Original) -> BinaryIO:
    """The original as a file read from its start: bytes wrapped, an open file (a large original) rewound."""
    if isinstance(original, bytes):
        return io.BytesIO(original)
    original.seek(0)
    return original


def _scale(image: Image.Image, requests: Sequence[Request], focal: tuple[float, float]) -> float:
    """The largest fraction of the full frame any request needs (at most 1)."""
    display = upright_size(image)
    needed = 0.0
    for request in requests:
        box = crop_box(display, request.aspect, focal)
        box_size = (box[2] - box[0], box[3] - box[1])
        target = rendition_size(box_size, request.width, request.fmt)
        needed = max(needed, target[0] / box_size[0], target[1] / box_size[1])
    return min(1.0, needed)


def _decode(
    original: Original, requests: Sequence[Request], focal: tuple[float, float]
) -> tuple[Image.Image, tuple[int, int], bytes | None]:
    """The upright frame at the smallest scale covering every request, the full display size, and the profile.

    No full-size copy is made beyond the decoded frame itself: a frame that
    needs no reduction is turned upright in place and used as it is.
    """
    image = Image.open(_readable(original))
    display = upright_size(image)
    full = image.size
    scale = _scale(image, requests, focal)
    draft_for_scale(image, scale)
    # An RGB profile still describes the pixels after scaling; a CMYK
    # one does not once they are converted, so it is dropped.
    icc_profile = image.info.get("icc_profile") if image.mode in ("RGB", "YCbCr") else None
    image.load()
    factor = max(1, min(image.width // max(1, math.ceil(full[0] * scale)),
                        image.height // max(1, math.ceil(full[1] * scale))))
    frame = image
    if factor > 1:
        source = image if image.mode in REDUCIBLE else image.convert("RGBA" if image.mode in ("P", "1") else "I")
        frame = source.reduce(factor)
        frame.info = dict(image.info)  # the orientation, in EXIF or XMP
        del source
        image.close()
    ImageOps.exif_transpose(frame, in_place=True)
    return display_mode(frame), display, icc_profile


@dataclass(frozen=True)
class _Level:
    """A picture made for this photo, the part of the upright photo it shows (``box``), and its scale on each axis."""

    image: Image.Image
    box: tuple[int, int, int, int]
    scale_x: float
    scale_y: float

    def covers(self, box: tuple[int, int, int, int], target: tuple[int, int]) -> bool:
        """Whether ``box`` lies inside this picture with ``target``'s pixels, give or take half a pixel.

        The half pixel forgives the rounding of two sizes worked out from
        the same photo: a 16:9 crop of the 960-pixel rendition of a 3:2
        photo is 539.7 pixels high where its own 960-pixel rendition is 540,
        and it is made from that rendition (``region``) rather than from a
        picture twice its size.
        """
        inside = self.box[0] <= box[0] and self.box[1] <= box[1] and box[2] <= self.box[2] and box[3] <= self.box[3]
        enough = (box[2] - box[0]) * self.scale_x + 0.5 >= target[0] and (box[3] - box[1]) * self.scale_y + 0.5 >= target[1]
        return inside and enough

    def region(self, box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        """``box`` (upright photo's pixels) in this picture's pixels, to a fraction of a pixel.

        Resampling from a fractional region keeps a cut exactly where its
        box is: a crop rounded to whole pixels would be up to half a pixel
        off, which a hard edge shows. Along a side whose region has the
        cut's own size at a whole pixel, Pillow copies instead of resampling.
        """
        width, height = self.image.size
        return (
            min(width, (box[0] - self.box[0]) * self.scale_x),
            min(height, (box[1] - self.box[1]) * self.scale_y),
            min(width, (box[2] - self.box[0]) * self.scale_x),
            min(height, (box[3] - self.box[1]) * self.scale_y),
        )


# A distinct cut: the part of the upright photo it shows, and its size.
_Plan = tuple[tuple[int, int, int, int], tuple[int, int]]


def _plan(display: tuple[int, int], request: Request, focal: tuple[float, float]) -> _Plan:
    box = crop_box(display, request.aspect, focal)
    return box, rendition_size((box[2] - box[0], box[3] - box[1]), request.width, request.fmt)


def _cuts(frame: Image.Image, display: tuple[int, int], plans: Sequence[_Plan]) -> Iterator[tuple[_Plan, Image.Image]]:
    """Each distinct plan and its crop at its rendition size, the largest first.

    A cut is resized from the smallest picture made so far that covers its
    box with enough pixels, else from the decoded frame (decoded to cover
    the largest); the frame itself is used uncopied where a cut needs no
    resizing. A picture (the frame included) is let go as soon as no cut
    still to be made would be resized from it, and each cut is handed over
    before the next is made, so not every size is held at once.
    """
    shrink = frame.width / display[0]
    levels = [_Level(frame, (0, 0, *display), shrink, shrink)]
    del frame

    def source(plan: _Plan) -> _Level:
        """The smallest picture covering ``plan``, else the frame (first while held; see below)."""
        box, target = plan
        return min(
            (level for level in levels if level.covers(box, target)),
            key=lambda level: level.image.width * level.image.height,
            default=levels[0],
        )

    remaining = sorted(set(plans), key=lambda plan: plan[1][0] * plan[1][1], reverse=True)
    while remaining:
        plan = remaining.pop(0)
        box, target = plan
        level = source(plan)
        region = level.region(box)
        whole = tuple(round(edge) for edge in region)
        if whole == region and (whole[2] - whole[0], whole[3] - whole[1]) == target:
            cut = level.image if whole == (0, 0, *level.image.size) else level.image.crop(whole)
        else:
            cut = level.image.resize(target, Image.Resampling.LANCZOS, box=region, reducing_gap=3.0)
            levels.append(_Level(cut, box, target[0] / (box[2] - box[0]), target[1] / (box[3] - box[1])))
        del level
        # Keep only the pictures a cut to come is made from. Sources only get smaller as pictures
        # are added, so a picture no cut needs now is never needed again, and every cut keeps the
        # source it would have had (the frame stays first while some cut has no other).
        needed = {id(source(later)) for later in remaining}
        levels[:] = [kept for kept in levels if id(kept) in needed]
        yield plan, cut
        del cut
