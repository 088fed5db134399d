"""Import from URL: a picture on another site brought into the library, so no reader's browser fetches it.

``download_image`` fetches one address (http or https only) into a
temporary file, refusing anything that says it is not an image, anything
larger than ``MAX_DOWNLOAD_BYTES``, and any failure of the network with one
line that says what happened (offline is the common case, and no error).
The file then goes through the regular import pipeline
(``editing.imports.import_photos``), which reads its embedded metadata and
refuses what does not decode, exactly as for a file from disk.
``use_library_photo`` points the body's Markdown images (inline and
reference-style) at the imported photo.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from workstation.content.references import photo_ref
from workstation.errors import ValidationError
from workstation.regular_files import printable

MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
TIMEOUT_S = 20
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/tiff": ".tif",
    "image/avif": ".avif",
    "image/heic": ".heic",
}
_CHUNK = 256 * 1024
# Opens a URL and returns a response with ``headers`` and ``read(n)`` (urllib's by default).
Opener = Callable[[urllib.request.Request, float], BinaryIO]


def _open(request: urllib.request.Request, timeout: float) -> BinaryIO:
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - the scheme is checked first


def _file_name(url: str, mime: str) -> str:
    """A plain file name for the import report: the address's last part, with the type's suffix."""
    stem = Path(unquote(urlsplit(url).path)).name or "image"
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")[:80] or "image"
    suffix = IMAGE_TYPES[mime]
    return stem if stem.lower().endswith(suffix) else f"{stem}{suffix}"


def download_image(url: str, folder: Path, *, opener: Opener = _open) -> Path:
    """Download the image at ``url`` into ``folder``; raises ``ValidationError`` with one line on any refusal."""
    address = url.strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"{printable(address)!r} is not a web address (http:// or https://)")
    request = urllib.request.Request(address, headers={"User-Agent": "Workstation image import", "Accept": "image/*"})
    try:
        with opener(request, TIMEOUT_S) as response:
            headers: Message = response.headers  # type: ignore[attr-defined]
            mime = (headers.get_content_type() or "").lower()
            if mime not in IMAGE_TYPES:
                raise ValidationError(f"{parts.hostname} sent {mime or 'no type'}, not an image; nothing was imported")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_DOWNLOAD_BYTES:
                raise ValidationError(_too_large(parts.hostname))
            fd, name = tempfile.mkstemp(prefix=".url-import-", dir=folder)
            target = Path(name)
            try:
                with os.fdopen(fd, "wb") as out:
                    received = 0
                    while chunk := response.read(_CHUNK):
                        received += len(chunk)
                        if received > MAX_DOWNLOAD_BYTES:
                            raise ValidationError(_too_large(parts.hostname))
                        out.write(chunk)
                if received == 0:
                    raise ValidationError(f"{parts.hostname} sent an empty file; nothing was imported")
                final = target.with_name(_file_name(address, mime))
                os.replace(target, final)
                return final
            except BaseException:
                target.unlink(missing_ok=True)
                raise
    except urllib.error.HTTPError as exc:
        raise ValidationError(f"{parts.hostname} answered {exc.code} {exc.reason}; nothing was imported") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.gaierror):
            raise ValidationError(
                f"cannot reach {parts.hostname}: this machine seems to be offline (or the name is wrong); "
                "nothing was imported"
            ) from None
        raise ValidationError(f"cannot download from {parts.hostname} ({reason}); nothing was imported") from None
    except (TimeoutError, socket.timeout):
        raise ValidationError(f"{parts.hostname} did not answer within {TIMEOUT_S} s; nothing was imported") from None
    except OSError as exc:
        raise ValidationError(f"cannot download from {parts.hostname} ({exc.strerror or exc}); nothing was imported") from None


def _too_large(host: str) -> str:
    return f"the image on {host} is larger than {MAX_DOWNLOAD_BYTES // (1024 * 1024)} MB; nothing was imported"


def use_library_photo(body: str, url: str, photo_id: int) -> str:
    """``body`` with every Markdown image of ``url`` (``![alt](url "title")``) pointing at the library photo instead."""
    address = re.escape(url.strip())
    inline = re.compile(r"(!\[[^\]\n]*\]\(\s*)<?" + address + r">?((?:\s+\"[^\"\n]*\")?\s*\))")
    definition = re.compile(r"^([ ]{0,3}\[[^\]\n]+\]:[ \t]*)<?" + address + r">?(?=[ \t]|$)", re.MULTILINE)
    ref = photo_ref(photo_id)
    body = inline.sub(lambda m: f"{m.group(1)}{ref}{m.group(2)}", body)
    return definition.sub(lambda m: f"{m.group(1)}{ref}", body)
