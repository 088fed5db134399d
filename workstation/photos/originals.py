"""Originals exported for a wire or a partner, with the record's rights in them.

A partner's system reads caption and credit from IPTC IIM (older systems)
or XMP (newer ones), so both are written from the photo record. A JPEG
original keeps its compressed pixels byte for byte: its metadata segments
are rebuilt wholesale, wherever they sit (a progressive file may carry them
between its scans), so there is no generation loss and nothing of the
camera's survives unasked. Anything else, or a JPEG whose markers cannot be
walked safely to its end, is re-encoded as a high-quality JPEG.

The original is read as a file, never held whole: segment headers and
metadata (64 KB at most each) are read, and the compressed image data is
copied from the original to the new file a block at a time, so a 50 MB
original costs a few blocks of memory (``library.original_store`` hands it
over as a file).

Files are written into the chosen folder under a fresh name created with
``O_EXCL | O_NOFOLLOW`` and then linked to their final name, so neither a
planted link nor an existing file is ever written through or over.

No ready library fits well: pyexiv2 would run a native parser over every
hostile file inside the app's process, and iptcinfo3 writes IIM only, in
Latin-1 by default. The IIM encoding needed (``rights.iim_block``) is a few
fixed-layout records (IPTC IIM 4.2, section 1.5), tested against ExifTool's
reading; the IPTC digest stored beside it tells readers XMP is in step.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from PIL import Image, ImageOps

from workstation.errors import ImageRefused
from workstation.photos.ingest import display_mode
from workstation.photos.renditions import Original
from workstation.photos.rights import RightsMetadata, fitted, iim_block, photoshop_segment, rights_exif, xmp_packet

REENCODE_QUALITY = 95
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
SEGMENT_MAX_PAYLOAD = 0xFFFF - 2

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP1, APP2, APP13, APP14, COM = 0xE0, 0xE1, 0xE2, 0xED, 0xEE, 0xFE
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})

# How much of a scan's compressed data is read or copied at a time.
BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Span:
    """Bytes ``start`` to ``end`` of the original: a scan's compressed data, copied, never held."""

    start: int
    end: int


# A JPEG as walked: (marker, payload) segments, with (None, Span) for a scan's entropy-coded data.
Part = tuple[int | None, bytes | Span]

UNSAFE_NAME = re.compile(r"[^\w\-. ]+")
NAME_LIMIT = 100

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


def export_original(
    data: bytes, rights: RightsMetadata, keep_gps: bool = False, extra_xmp: Sequence[str] = ()
) -> bytes:
    """``write_export`` into memory: the exported JPEG's bytes (for an original already held in memory)."""
    target = io.BytesIO()
    write_export(data, target, rights, keep_gps, extra_xmp)
    return target.getvalue()


def write_export(
    original: Original,
    target: BinaryIO,
    rights: RightsMetadata,
    keep_gps: bool = False,
    extra_xmp: Sequence[str] = (),
) -> None:
    """Write a JPEG of ``original`` into ``target`` with IPTC, XMP and EXIF rights from the record, in step.

    IIM, XMP and EXIF are written from the same values. ``extra_xmp`` is
    added to the XMP packet (the culling marks, ``photos.culling``).
    """
    rights = fitted(rights)
    source = io.BytesIO(original) if isinstance(original, bytes) else original
    source.seek(0)
    try:
        with Image.open(source) as image:
            source_exif = image.getexif()
            parts = _split(source) if image.format in ("JPEG", "MPO") else None
            upright = parts is None
            if parts is None:
                image.load()
                source = io.BytesIO(_reencode(image))
                parts = _split(source)
    except Exception as exc:  # decoders signal damage with many types
        raise ImageRefused(f"the original cannot be exported ({exc})") from None
    try:
        exif = rights_exif(rights, _kept_exif(source_exif, keep_gps, upright)).tobytes()
    except Exception:  # camera values Pillow cannot write back: keep the rights alone
        exif = rights_exif(rights).tobytes()
    if parts is None:
        raise ImageRefused("the original cannot be exported (its re-encoded JPEG cannot be read back)")
    _assemble(parts, rights, exif, extra_xmp, source, target)


def has_gps(original: Original) -> bool:
    """Whether the file's EXIF holds a GPS position (False when it cannot be read)."""
    source = io.BytesIO(original) if isinstance(original, bytes) else original
    source.seek(0)
    try:
        with Image.open(source) as image:
            return bool(image.getexif().get_ifd(GPS_IFD))
    except Exception:  # an unreadable EXIF block holds no position anyone can read
        return False


def save_export(
    folder: Path,
    original_filename: str,
    photo_id: int,
    data: bytes | Callable[[BinaryIO], None],
    taken: set[str],
    suffix: str = ".jpg",
) -> Path:
    """Write ``data`` (bytes, or a function writing them into the file it is given) as a new file in ``folder`` named after the original, ending in ``suffix``; returns its path.

    The name gets a number when a file of that name exists or is in
    ``taken`` (names already used in this batch, compared case-blind). The
    bytes go to a fresh temporary file first: ``O_EXCL | O_NOFOLLOW`` means a
    link planted at that name fails the open instead of being followed.
    Raises ``OSError`` when the folder cannot be written.
    """
    stem = UNSAFE_NAME.sub("_", PurePath(original_filename.replace("\\", "/")).stem).strip(" ._")[:NAME_LIMIT]
    stem = stem or f"photo-{photo_id}"
    temp = folder / f".{stem}.{secrets.token_hex(8)}.partial"
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
        number = 1
        while True:
            name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
            number += 1
            if name.casefold() not in taken and _claim(temp, folder / name):
                taken.add(name.casefold())
                return folder / name
    finally:
        temp.unlink(missing_ok=True)


def _claim(temp: Path, target: Path) -> bool:
    """Give ``temp``'s file the name ``target`` unless something (a file, a link) already has it.

    A hard link fails on an existing name, atomically; on a file system
    without hard links (FAT and exFAT sticks) a checked rename does.
    """
    try:
        os.link(temp, target, follow_symlinks=False)
        return True
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(target):
            return False
        os.rename(temp, target)
        return True


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


def _assemble(
    parts: list[Part], rights: RightsMetadata, exif: bytes, extra_xmp: Sequence[str], source: BinaryIO, target: BinaryIO
) -> None:
    """Write the JPEG with every metadata segment replaced, wherever it sat; image data copied as is.

    Kept before the first scan: JFIF (APP0), ICC profiles (APP2) and the
    Adobe colour transform (APP14). Kept everywhere: every coding segment
    (tables, frame and scan headers, restart intervals) and the
    entropy-coded bytes (copied from ``source`` a block at a time).
    Dropped: all other APPn (old EXIF, XMP, Photoshop resources,
    multi-picture indexes) and comments, including those a progressive
    file carries between its scans, plus anything after the end-of-image
    marker (phones append second images there).
    """
    first_scan = next((i for i, (marker, _) in enumerate(parts) if marker == SOS), len(parts))
    head = [part for part in parts[:first_scan] if part[0] == APP0 and part[1].startswith(b"JFIF\x00")]  # type: ignore[union-attr]
    kept = [
        part
        for index, part in enumerate(parts)
        if part[0] is None
        or not (APP0 <= part[0] <= 0xEF or part[0] == COM)
        or (
            index < first_scan
            and (part[0] == APP14 or (part[0] == APP2 and part[1].startswith(b"ICC_PROFILE\x00")))  # type: ignore[union-attr]
        )
    ]
    new: list[Part] = [
        *head[:1],
        (APP1, exif),
        (APP1, XMP_HEADER + xmp_packet(rights, extra_xmp)),
        (APP13, photoshop_segment(iim_block(rights))),
        *kept,
    ]
    if any(isinstance(payload, bytes) and len(payload) > SEGMENT_MAX_PAYLOAD for _, payload in new):
        raise ImageRefused("the metadata is too large for a JPEG segment; shorten the caption")
    target.write(b"\xff\xd8")
    for marker, payload in new:
        if isinstance(payload, Span):
            _copy(source, payload, target)
        else:
            target.write(bytes((0xFF, marker or 0)) + struct.pack(">H", len(payload) + 2) + payload)
    target.write(b"\xff\xd9")


def _copy(source: BinaryIO, span: Span, target: BinaryIO) -> None:
    source.seek(span.start)
    left = span.end - span.start
    while left > 0:
        block = source.read(min(BLOCK, left))
        if not block:
            raise ImageRefused("the original cannot be exported (it was cut short while being read)")
        target.write(block)
        left -= len(block)


def _split(jpeg: BinaryIO) -> list[Part] | None:
    """Every segment from SOI to EOI in order, entropy-coded data as ``(None, Span)``.

    None for anything that is not a well-formed JPEG stream, so the caller
    re-encodes instead of copying a damaged one.
    """
    try:
        return _walk(jpeg)
    except ValueError:
        return None


def _walk(jpeg: BinaryIO) -> list[Part]:
    """All markers to EOI: segments (APPn and COM too, wherever they sit) and where the scans' data lies."""
    jpeg.seek(0)
    if jpeg.read(2) != b"\xff\xd8":
        raise ValueError("no JPEG start marker")
    parts: list[Part] = []
    position = 2
    while True:
        jpeg.seek(position)
        head = jpeg.read(2)
        if not head or head[0] != 0xFF:
            raise ValueError(f"garbage at byte {position}")
        while len(head) == 2 and head[1] == 0xFF:
            position += 1  # fill bytes before a marker
            head = head[1:] + jpeg.read(1)
        if len(head) < 2:
            raise ValueError("cut short before the end-of-image marker")
        marker = head[1]
        if marker == EOI:
            if not any(kind == SOS for kind, _ in parts):
                raise ValueError("no image data")
            return parts
        if marker in STANDALONE or marker == SOI:
            raise ValueError(f"unexpected marker {marker:#x} at byte {position}")
        size = jpeg.read(2)
        if len(size) < 2:
            raise ValueError("cut short in a segment header")
        length = struct.unpack(">H", size)[0]
        payload = jpeg.read(length - 2) if length >= 2 else b""
        if length < 2 or len(payload) != length - 2:
            raise ValueError(f"segment {marker:#x} runs past the end")
        parts.append((marker, payload))
        position += 2 + length
        if marker == SOS:
            scan_end = _end_of_scan(jpeg, position)
            parts.append((None, Span(position, scan_end)))
            position = scan_end


def _end_of_scan(jpeg: BinaryIO, position: int) -> int:
    """Offset of the first marker after a scan's entropy-coded data (stuffed bytes and restarts are data)."""
    jpeg.seek(position)
    while block := jpeg.read(BLOCK):
        index = 0
        while (found := block.find(b"\xff", index)) >= 0:
            if found + 1 >= len(block):
                following_byte = jpeg.read(1)
                if not following_byte:
                    raise ValueError("no end-of-image marker")
                block += following_byte
            following = block[found + 1]
            if following == 0x00 or 0xD0 <= following <= 0xD7:
                index = found + 2
            elif following == 0xFF:
                index = found + 1
            else:
                return position + found
        position += len(block)
    raise ValueError("no end-of-image marker")
