"""Turning a file's bytes into a checked image, a thumbnail and its metadata.

Photos arrive from cameras, agencies, phones and the web; some are broken,
some are not pictures at all, and some are crafted to exhaust memory. Every
file is measured from its header before a pixel is decoded, then decoded
only at the scale the thumbnail needs (JPEG draft mode: a 24-megapixel frame
decodes at 1/8 scale), which also proves the data is complete. The original
bytes are kept exactly as received.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, cast

from PIL import Image, ImageFile, ImageOps

from workstation.errors import ImageRefused, ImportRefused
from workstation.photos.credentials import read_credentials
from workstation.photos.metadata import EmbeddedMetadata, metadata_of, read_sidecar
from workstation.photos.shapes import HELD_IN_MEMORY
from workstation.regular_files import open_regular_file, printable_name, read_regular_file

DEFAULT_MAX_PIXELS = 100_000_000
# No camera or agency file comes near this; a larger "image" is refused
# before a byte of it is read (README, "Which files are accepted").
MAX_IMAGE_BYTES = 200 * 1024 * 1024
READ_CHUNK = 1024 * 1024
# JPEG cannot store a side longer than 65,500 pixels, and a strip more than
# 50 times longer than it is wide is no photograph: the renditions of either
# could not be made at export, so both are refused at import.
MAX_SIDE = 65_500
MAX_ASPECT = 50
# What a folder walk takes for a picture: the accepted formats, and the ones
# people try (HEIC from phones, BMP, AVIF, PSD), which are then refused with
# a reason instead of skipped in silence.
IMAGE_SUFFIXES = frozenset(
    {
        ".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".tif", ".tiff",
        ".bmp", ".heic", ".heif", ".avif", ".psd",
    }
)
# Pillow warns about pictures above its own pixel guard and about damaged
# EXIF blocks. Both are handled here: the pixel limit is checked against
# ``max_pixels`` before decoding, and unreadable metadata is left empty
# (``photos.metadata``). Printed, the warnings would only leak onto a
# terminal or a log as noise, so they are silenced for the whole process.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\.|$)")
# An XMP sidecar is a few kilobytes; one larger than this is not read.
SIDECAR_LIMIT = 1024 * 1024
THUMBNAIL_SIZE = 400
THUMBNAIL_QUALITY = 80
# Formats a newsroom sends and every browser shows; anything else is refused
# before any other decoder sees the bytes.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")
MIME_TYPES = {
    "JPEG": "image/jpeg",
    # A JPEG with a multi-picture index (phones): Pillow names it MPO.
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
}
ORIENTATION = 0x0112
# Orientations 5 to 8 turn the frame a quarter: width and height swap.
SIDEWAYS = frozenset({5, 6, 7, 8})
# Signatures of formats people try to import, for a message naming them.
KNOWN_SIGNATURES = (
    (4, (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypheif"), "HEIC"),
    (4, (b"ftypavif", b"ftypavis"), "AVIF"),
    (0, (b"BM",), "BMP"),
    (0, (b"8BPS",), "Photoshop PSD"),
    (0, (b"%PDF",), "PDF"),
    (0, (b"\x00\x00\x01\x00",), "icon (ICO)"),
    (0, (b"<svg", b"<?xml"), "SVG/XML"),
    (0, (b"PK\x03\x04",), "ZIP archive"),
)


@dataclass(frozen=True)
class IngestedImage:
    """A checked image ready to be stored.

    Its original is either ``data`` (an image held in memory: a download)
    or, when ``source`` is set, the file there, read again a chunk at a time
    when it is stored and checked against ``sha256`` (``data`` is then
    empty): a 50 MB original never sits whole in memory, nor in a message
    between processes.
    """

    data: bytes
    filename: str
    sha256: str
    mime: str
    # Display size, after EXIF orientation.
    width: int
    height: int
    thumbnail: bytes
    thumb_width: int
    thumb_height: int
    metadata: EmbeddedMetadata
    # Why an ``.xmp`` sidecar beside the file was not read ("" when there was none, or it was read).
    sidecar_warning: str = ""
    # What the file's C2PA manifest says ({} for none): ``photos.credentials``.
    credentials: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None
    size_bytes: int = 0


def ingest_file(path: Path | str, max_pixels: int = DEFAULT_MAX_PIXELS) -> IngestedImage:
    """Read and check one image file; ``ImageRefused`` names it if unusable.

    Only a regular file of at most ``MAX_IMAGE_BYTES`` is read at all. One
    larger than ``HELD_IN_MEMORY`` is read as a stream (hashed, then decoded
    at the thumbnail's scale), never held whole: the result names the file
    as its ``source``, to be streamed into the library.
    """
    path = Path(path)
    name = printable_name(path)
    try:
        stream = open_regular_file(path, MAX_IMAGE_BYTES, "an image")
    except ImportRefused as exc:
        raise ImageRefused(f"{name}: {exc}") from None
    sidecar, warning = read_sidecar_beside(path)
    with stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            held = stream.read(size + 1) if 0 < size <= HELD_IN_MEMORY else b""
            if held and len(held) <= size:
                image = ingest_bytes(held, name, max_pixels=max_pixels, sidecar=sidecar)
            else:
                # Large, empty, or growing while read: streamed, and checked again when stored.
                stream.seek(0)
                sha256, size = _digest(stream, name)
                stream.seek(0)
                image = replace(_ingest(stream, name, max_pixels, sidecar, sha256, size), source=path)
        except OSError as exc:
            raise ImageRefused(f"{name}: cannot be read ({exc.strerror or exc})") from None
    return replace(image, sidecar_warning=warning) if warning else image


def sidecar_path(path: Path) -> Path | None:
    """The ``.xmp`` sidecar beside an image, if there is one.

    darktable and digiKam name it after the whole file (``IMG_1.JPG.xmp``),
    Lightroom, Capture One and Photo Mechanic after its stem (``IMG_1.xmp``);
    the one named for this very file wins when both are there.
    """
    candidates = [path.with_name(path.name + suffix) for suffix in (".xmp", ".XMP")]
    candidates += [path.with_suffix(suffix) for suffix in (".xmp", ".XMP")]
    return next((candidate for candidate in candidates if os.path.lexists(candidate)), None)


def read_sidecar_beside(path: Path) -> tuple[bytes | None, str]:
    """The sidecar's bytes, or None and why it was not read ("" when there is none).

    A sidecar is read only when it is a regular file (not a link, which
    could lead anywhere on this disk) of at most ``SIDECAR_LIMIT`` bytes
    that parses as XMP; anything else is ignored with a warning, and the
    image is imported with its embedded metadata.
    """
    found = sidecar_path(path)
    if found is None:
        return None, ""
    shown = printable_name(found)
    if found.is_symlink():
        return None, f"sidecar {shown} ignored: it is a link"
    try:
        packet = read_regular_file(found, SIDECAR_LIMIT, "an XMP sidecar")
    except ImportRefused as exc:
        return None, f"sidecar {shown} ignored: {exc}"
    try:
        read_sidecar(packet)
    except ValueError as exc:
        return None, f"sidecar {shown} ignored: it is not readable XMP ({_reason(exc)})"
    return packet, ""


def _ingest_or_refusal(path: Path, max_pixels: int) -> IngestedImage | ImageRefused:
    try:
        return ingest_file(path, max_pixels=max_pixels)
    except ImageRefused as refused:
        return refused


def ingest_files(
    paths: Iterable[Path | str],
    max_pixels: int = DEFAULT_MAX_PIXELS,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Generator[tuple[Path, IngestedImage | ImageRefused], None, None]:
    """Ingest many files on a few threads, yielding results in input order.

    The one decoding step of every import: ``workstation import`` calls it
    in its own process, the app in its decoding helper. Pillow decodes and
    hashlib hashes with the GIL released, so the files decode in parallel
    on every core while the caller stores the ones already decoded
    (measured against decoding processes: the same speed, less CPU, as
    nothing is copied between processes). The first files are started
    before this returns, not when the first result is asked for, so that
    what the caller does meanwhile (``workstation import`` loads the ORM)
    overlaps with decoding. At most ``3 * workers`` files are held in
    memory at once, however long the shoot; ``cancelled`` is checked
    before each new file is started (a window of three a worker keeps the
    workers busy while the caller waits on the disk). Closing the iterator
    cancels the files not yet started and waits for those being decoded.
    """
    results = _ingest_ahead(paths, max_pixels, workers or min(4, os.cpu_count() or 1), cancelled)
    next(results)  # runs up to the first files' submission
    return cast(Generator[tuple[Path, IngestedImage | ImageRefused], None, None], results)


def _ingest_ahead(
    paths: Iterable[Path | str], max_pixels: int, workers: int, cancelled: Callable[[], bool]
) -> Generator[tuple[Path, IngestedImage | ImageRefused] | None, None, None]:
    """``ingest_files``' work: first None, once the first files are submitted, then every result in order."""
    pending: deque[tuple[Path, Future[IngestedImage | ImageRefused]]] = deque()
    queue = iter(Path(path) for path in paths)
    started = False
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest") as pool:
        try:
            while True:
                while len(pending) < 3 * workers and not cancelled():
                    path = next(queue, None)
                    if path is None:
                        break
                    pending.append((path, pool.submit(_ingest_or_refusal, path, max_pixels)))
                if not started:
                    started = True
                    yield None
                if not pending:
                    return
                path, future = pending.popleft()
                yield path, future.result()
        finally:
            for _, future in pending:
                future.cancel()


def ingest_bytes(
    data: bytes, filename: str, max_pixels: int = DEFAULT_MAX_PIXELS, sidecar: bytes | None = None
) -> IngestedImage:
    """Check, measure and thumbnail an image held in memory (``sidecar``: its ``.xmp`` file's bytes)."""
    image = _ingest(io.BytesIO(data), filename, max_pixels, sidecar, hashlib.sha256(data).hexdigest(), len(data))
    return replace(image, data=data)


def _ingest(
    stream: BinaryIO, filename: str, max_pixels: int, sidecar: bytes | None, sha256: str, size: int
) -> IngestedImage:
    """Check, measure and thumbnail the image in ``stream`` (seekable; ``size`` bytes hashing to ``sha256``)."""
    if size == 0:
        raise ImageRefused(f"{filename}: the file is empty (0 bytes)")
    image = _open(stream, filename, max_pixels)
    with image:
        metadata = metadata_of(image, sidecar)
        width, height = upright_size(image)
        thumbnail = _thumbnail(image, filename)
        mime = MIME_TYPES[image.format or ""]
    buffer = io.BytesIO()
    thumbnail.save(buffer, "JPEG", quality=THUMBNAIL_QUALITY)
    return IngestedImage(
        data=b"",
        filename=filename,
        sha256=sha256,
        mime=mime,
        width=width,
        height=height,
        thumbnail=buffer.getvalue(),
        thumb_width=thumbnail.width,
        thumb_height=thumbnail.height,
        metadata=metadata,
        credentials=read_credentials(stream, mime),
        size_bytes=size,
    )


def _digest(stream: BinaryIO, filename: str) -> tuple[str, int]:
    """The SHA-256 and length of the stream, read in chunks up to ``MAX_IMAGE_BYTES``."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(READ_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if size > MAX_IMAGE_BYTES:
            raise ImageRefused(f"{filename}: the file grew beyond the limit for an image while being read")
    return digest.hexdigest(), size


def _open(stream: BinaryIO, filename: str, max_pixels: int) -> ImageFile.ImageFile:
    """Open (header only) and refuse what must not be decoded.

    Pillow's own bomb guard raises above twice ``Image.MAX_IMAGE_PIXELS``
    (about 179 megapixels) whatever ``max_pixels`` says; below that, the
    header size is checked against ``max_pixels`` here.
    """
    try:
        image = Image.open(stream, formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError as exc:
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(claimed.group(1)) / 1_000_000:.0f} megapixels; " if claimed else ""
        raise ImageRefused(
            f"{filename}: the picture is too large to open safely "
            f"({size}the limit is {max_pixels / 1_000_000:.0f} megapixels)"
        ) from None
    except Image.UnidentifiedImageError:
        stream.seek(0)
        raise ImageRefused(f"{filename}: {_not_an_image(stream.read(64))}") from None
    except Exception as exc:  # a damaged header raises many types
        raise ImageRefused(f"{filename}: the image file is damaged ({_reason(exc)})") from None
    width, height = image.size
    if width <= 0 or height <= 0:
        image.close()
        raise ImageRefused(f"{filename}: the image has no pixels ({width}×{height})")
    if max(width, height) > MAX_SIDE or max(width, height) > MAX_ASPECT * min(width, height):
        image.close()
        raise ImageRefused(
            f"{filename}: the picture's shape cannot be published ({width}×{height}; a side may be at most "
            f"{MAX_SIDE:,} pixels and at most {MAX_ASPECT} times the other)"
        )
    if width * height > max_pixels:
        image.close()
        raise ImageRefused(
            f"{filename}: the picture is too large to open safely ({width}×{height}, "
            f"{width * height / 1_000_000:.0f} megapixels; the limit is "
            f"{max_pixels / 1_000_000:.0f} megapixels)"
        )
    return image


# Signatures of the accepted formats: such a file that Pillow cannot open is
# damaged, not foreign.
ACCEPTED_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _not_an_image(head: bytes) -> str:
    for signature, name in ACCEPTED_SIGNATURES:
        if head.startswith(signature):
            return f"the {name} file is damaged (its header cannot be read)"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "the WebP file is damaged (its header cannot be read)"
    for offset, signatures, name in KNOWN_SIGNATURES:
        if any(head[offset:].startswith(signature) for signature in signatures):
            return f"{name} files cannot be imported; save it as JPEG, PNG, WebP, GIF or TIFF"
    return "not an image file Workstation can read (JPEG, PNG, WebP, GIF or TIFF)"


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # a broken EXIF block means "not rotated"
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as displayed, once the EXIF orientation has turned the frame."""
    return (image.height, image.width) if _orientation(image) in SIDEWAYS else image.size


def draft_for_scale(image: Image.Image, scale: float) -> None:
    """Let a JPEG decode at the smallest 1/2, 1/4 or 1/8 scale still ``scale`` or larger.

    A 24-megapixel frame wanted at a few hundred pixels then decodes several
    times faster; other formats, and a ``scale`` of 1 or more, decode whole.
    """
    if image.format in ("JPEG", "MPO") and scale < 1:
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _thumbnail(image: ImageFile.ImageFile, filename: str) -> Image.Image:
    """Decode at reduced scale and shrink to the grid size.

    Loading is what proves the file complete: with
    ``ImageFile.LOAD_TRUNCATED_IMAGES`` left False (Pillow's default, never
    changed by Workstation) a truncated stream raises instead of padding grey.
    """
    try:
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", (THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        image.load()
        frame = ImageOps.exif_transpose(display_mode(image))
        frame.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    except Exception as exc:  # decoders signal damage with many types
        message = _reason(exc)
        if "truncated" in message or isinstance(exc, EOFError):
            raise ImageRefused(f"{filename}: the file is truncated (incomplete download or copy)") from None
        raise ImageRefused(f"{filename}: the image data is damaged ({message})") from None
    return frame


def display_mode(image: Image.Image) -> Image.Image:
    """The picture in 8-bit RGB as a screen shows it.

    16-bit greyscale is scaled down rather than clipped (a plain convert
    turns most of it white); transparency is laid on white, as the page's
    paper; CMYK and palettes become RGB.
    """
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        top = 65535 if image.mode.startswith("I;16") else max(1, image.getextrema()[1])
        image = image.convert("I").point(lambda value: value * (255 / top)).convert("L")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image if image.mode == "RGB" else image.convert("RGB")
