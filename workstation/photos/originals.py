"""Originals exported for a wire or a partner, with the record's rights in them.

A partner's system reads caption and credit from IPTC IIM (older systems)
or XMP (newer ones), so both are written from the photo record. A JPEG
original keeps its compressed pixels byte for byte: only the metadata
segments before the image data are rebuilt, so there is no generation loss.
Anything else, or a JPEG whose segments cannot be walked safely, is
re-encoded as a high-quality JPEG.

No ready library fits well: pyexiv2 would run a native parser over every
hostile file inside the app's process, and iptcinfo3 writes IIM only, in
Latin-1 by default. The IIM encoding needed here is a few fixed-layout
records (IPTC IIM 4.2, section 1.5), tested against ExifTool's reading.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

from PIL import Image, ImageOps

from workstation.errors import ImageRefused
from workstation.photos.ingest import display_mode
from workstation.photos.rights import RightsMetadata, rights_exif, xmp_packet

REENCODE_QUALITY = 95
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
PHOTOSHOP_HEADER = b"Photoshop 3.0\x00"
IPTC_RESOURCE = 0x0404
IIM_UTF8 = b"\x1b%G"
IIM_MAX_VALUE = 0x7FFF  # longer values need IIM's extended length form
SEGMENT_MAX_PAYLOAD = 0xFFFF - 2

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP1, APP2, APP13, APP14, COM = 0xE0, 0xE1, 0xE2, 0xED, 0xEE, 0xFE
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})

ORIENTATION = 0x0112
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
# The camera facts a partner may want; everything else (maker notes, serial
# numbers, owner names, thumbnails) is left behind.
KEPT_IFD0 = frozenset({0x010F, 0x0110, 0x011A, 0x011B, 0x0128, 0x0131, 0x0132, ORIENTATION})
# Exposure, aperture, programme, ISO, EXIF version, dates and their offsets,
# exposure bias, metering, flash, focal length, colour space, white balance,
# 35 mm focal length, lens make and model.
KEPT_EXIF = frozenset(
    {
        0x829A,
        0x829D,
        0x8822,
        0x8827,
        0x9000,
        0x9003,
        0x9004,
        0x9010,
        0x9011,
        0x9012,
        0x9204,
        0x9207,
        0x9209,
        0x920A,
        0xA001,
        0xA403,
        0xA405,
        0xA433,
        0xA434,
    }
)


def export_original(data: bytes, rights: RightsMetadata, keep_gps: bool = False) -> bytes:
    """A JPEG of the original with IPTC, XMP and EXIF rights from the record."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            source_exif = image.getexif()
            stream = _split(data) if image.format in ("JPEG", "MPO") else None
            upright = stream is None
            if stream is None:
                image.load()
                stream = _split(_reencode(image))
    except Exception as exc:  # decoders signal damage with many types
        raise ImageRefused(f"the original cannot be exported ({exc})") from None
    try:
        exif = rights_exif(rights, _kept_exif(source_exif, keep_gps, upright)).tobytes()
    except Exception:  # camera values Pillow cannot write back: keep the rights alone
        exif = rights_exif(rights).tobytes()
    segments, image_data = stream
    return _assemble(segments, image_data, rights, exif)


def iim_block(rights: RightsMetadata) -> bytes:
    """IPTC IIM records 1 and 2 for the rights, declared UTF-8 (ESC % G)."""
    rights = rights.bounded()
    block = _dataset(1, 0, b"\x00\x04") + _dataset(1, 90, IIM_UTF8) + _dataset(2, 0, b"\x00\x04")
    for number, value in (
        (80, rights.creator),  # By-line
        (110, rights.credit),  # Credit
        (116, rights.copyright_notice),  # CopyrightNotice
        (120, rights.caption),  # Caption-Abstract
    ):
        if value:
            block += _dataset(2, number, _utf8_prefix(value, IIM_MAX_VALUE))
    return block


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return bytes((0x1C, record, number)) + struct.pack(">H", len(value)) + value


def _utf8_prefix(text: str, limit: int) -> bytes:
    """At most ``limit`` bytes of UTF-8, never cutting a character in half."""
    encoded = text.encode("utf-8")
    return encoded if len(encoded) <= limit else encoded[:limit].decode("utf-8", "ignore").encode("utf-8")


def photoshop_segment(iim: bytes) -> bytes:
    """An APP13 payload holding one 8BIM IPTC-NAA resource."""
    resource = b"8BIM" + struct.pack(">H", IPTC_RESOURCE) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"
    return PHOTOSHOP_HEADER + resource


def _kept_exif(source: Image.Exif, keep_gps: bool, upright: bool) -> Image.Exif:
    """A new EXIF block holding only the whitelisted camera facts.

    ``upright`` means the pixels were already turned, so the orientation
    flag must go or viewers would turn them again.
    """
    kept = Image.Exif()
    for tag, value in source.items():
        if tag in KEPT_IFD0 and not (upright and tag == ORIENTATION):
            kept[tag] = value
    try:
        camera = {tag: value for tag, value in source.get_ifd(EXIF_IFD).items() if tag in KEPT_EXIF}
        gps = dict(source.get_ifd(GPS_IFD)) if keep_gps else {}
    except Exception:  # a broken sub-IFD is simply not carried over
        camera, gps = {}, {}
    if camera:
        kept[EXIF_IFD] = camera
    if gps:
        kept[GPS_IFD] = gps
    return kept


def _reencode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    upright = display_mode(ImageOps.exif_transpose(image))
    upright.save(buffer, "JPEG", quality=REENCODE_QUALITY, subsampling=0)
    return buffer.getvalue()


def _assemble(segments: list[tuple[int, bytes]], image_data: bytes, rights: RightsMetadata, exif: bytes) -> bytes:
    """The JPEG with its metadata segments replaced; image data copied as is.

    Kept: JFIF (APP0), ICC profiles (APP2), Adobe colour transform (APP14)
    and every coding segment. Dropped: all other APPn (old EXIF, XMP,
    Photoshop resources, multi-picture indexes) and comments, plus anything
    after the end-of-image marker (phones append second images there).
    """
    head = [seg for seg in segments if seg[0] == APP0 and seg[1].startswith(b"JFIF\x00")]
    kept = [
        seg
        for seg in segments
        if (seg[0] == APP2 and seg[1].startswith(b"ICC_PROFILE\x00"))
        or seg[0] == APP14
        or not (0xE0 <= seg[0] <= 0xEF or seg[0] == COM)
    ]
    new = [
        *head[:1],
        (APP1, exif),
        (APP1, XMP_HEADER + xmp_packet(rights)),
        (APP13, photoshop_segment(iim_block(rights))),
        *kept,
    ]
    out = bytearray(b"\xff\xd8")
    for marker, payload in new:
        if len(payload) > SEGMENT_MAX_PAYLOAD:
            raise ImageRefused("the metadata is too large for a JPEG segment; shorten the caption")
        out += bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload
    return bytes(out + image_data)


def _split(jpeg: bytes) -> tuple[list[tuple[int, bytes]], bytes] | None:
    """Segments before the first scan, and the bytes from it to EOI.

    None for anything that is not a well-formed JPEG stream, so the caller
    re-encodes instead of copying a damaged one.
    """
    try:
        return _walk(jpeg)
    except ValueError:
        return None


def _walk(jpeg: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    if not jpeg.startswith(b"\xff\xd8"):
        raise ValueError("no JPEG start marker")
    segments: list[tuple[int, bytes]] = []
    position = 2
    for marker, start, end in _markers(jpeg, position):
        if marker == SOS:
            return segments, jpeg[start : _end_of_image(jpeg, start)]
        segments.append((marker, jpeg[start + 4 : end]))
    raise ValueError("no image data")


def _markers(jpeg: bytes, position: int) -> Iterator[tuple[int, int, int]]:
    """(marker, segment start, segment end) up to and including the first SOS."""
    while position < len(jpeg):
        if jpeg[position] != 0xFF:
            raise ValueError(f"garbage at byte {position}")
        while position + 1 < len(jpeg) and jpeg[position + 1] == 0xFF:
            position += 1
        if position + 4 > len(jpeg):
            raise ValueError("cut short in the headers")
        marker = jpeg[position + 1]
        if marker in STANDALONE or marker in (SOI, EOI):
            raise ValueError(f"unexpected marker {marker:#x} before the image data")
        length = struct.unpack(">H", jpeg[position + 2 : position + 4])[0]
        end = position + 2 + length
        if length < 2 or end > len(jpeg):
            raise ValueError(f"segment {marker:#x} runs past the end")
        yield marker, position, end
        if marker == SOS:
            return
        position = end


def _end_of_image(jpeg: bytes, position: int) -> int:
    """Offset just past EOI, walking scans and the segments between them."""
    while True:
        found = jpeg.find(b"\xff", position)
        if found < 0 or found + 1 >= len(jpeg):
            raise ValueError("no end-of-image marker")
        following = jpeg[found + 1]
        if following == 0x00 or following == 0xFF or following in STANDALONE:
            position = found + 1 if following == 0xFF else found + 2
        elif following == EOI:
            return found + 2
        else:
            if found + 4 > len(jpeg):
                raise ValueError("cut short between scans")
            length = struct.unpack(">H", jpeg[found + 2 : found + 4])[0]
            if length < 2:
                raise ValueError("bad segment between scans")
            position = found + 2 + length
