"""The inspector's preview and crops, rendered in a helper process.

Making a preview decodes the original and re-encodes it: Pillow releases
the GIL for the pixel work, but the Python around it (hash check, EXIF and
XMP building, SQLAlchemy) does not, and in a thread of the GUI process it
stalls every Qt call the UI thread makes meanwhile (measured: 50-100 ms
just after a shoot was selected). One long-lived helper process, started
from the same Qt-free fork server as the importer, does it instead. This
module imports no Qt.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from pathlib import Path

from workstation.library.database import Library, open_library
from workstation.library.preview_images import preview_image
from workstation.photos.renditions import make_rendition
from workstation.ui.photo_desk.ingest_process import NICENESS, import_context

# Libraries the helper keeps open (a session usually has one; tests have many).
OPEN_LIBRARIES = 4

_executor: ProcessPoolExecutor | None = None
_libraries: OrderedDict[str, Library] = OrderedDict()


def _lower_priority() -> None:
    os.nice(NICENESS)


def _library(path: str) -> Library:
    library = _libraries.get(path)
    if library is None:
        library = open_library(Path(path))
        _libraries[path] = library
        while len(_libraries) > OPEN_LIBRARIES:
            _libraries.popitem(last=False)[1].close()
    _libraries.move_to_end(path)
    return library


def render_preview(library_path: str, photo_id: int, width: int) -> bytes:
    """JPEG bytes of photo ``photo_id`` about ``width`` pixels wide (runs in the helper)."""
    with _library(library_path).session() as session:
        data, _mime = preview_image(session, photo_id, width)
    return data


def render_crops(
    source: bytes,
    width: int,
    aspects: tuple[tuple[int, int], ...],
    focal: tuple[float, float],
) -> list[bytes]:
    """``source`` cropped to each aspect around ``focal``, as the export crops (runs in the helper)."""
    return [
        make_rendition(source, width, "jpeg", aspect=aspect, focal=focal).data
        for aspect in aspects
    ]


def _helper() -> ProcessPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(
            max_workers=1, mp_context=import_context(), initializer=_lower_priority
        )
    return _executor


def _submit(function: object, *args: object) -> Future:
    """Queue ``function(*args)`` on the helper, starting a new helper if the last one died."""
    global _executor
    try:
        return _helper().submit(function, *args)
    except BrokenExecutor:
        _executor = None
        return _helper().submit(function, *args)


def preview_bytes(library_path: Path, photo_id: int, width: int) -> bytes:
    """``render_preview`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _submit(render_preview, str(library_path), photo_id, width).result()


def crop_bytes(
    source: bytes,
    width: int,
    aspects: tuple[tuple[int, int], ...],
    focal: tuple[float, float],
) -> list[bytes]:
    """``render_crops`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _submit(render_crops, source, width, aspects, focal).result()
