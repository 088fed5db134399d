"""The inspector's preview and crops, encoded in a helper process.

Making a preview decodes an original and re-encodes it: Pillow releases the
GIL for the pixel work, but the Python around it (EXIF and XMP building)
does not, and in a thread of the GUI process it stalls every Qt call the UI
thread makes meanwhile (measured: 50-100 ms just after a shoot was
selected). One long-lived helper process does it instead. It receives the
bytes to work on (the app reads the original from its library) and returns
JPEG bytes; it never opens the library.
"""

from __future__ import annotations

import threading
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from typing import Any

from workstation.library.preview_images import PREVIEW_MAX_WIDTH
from workstation.photos.renditions import make_rendition
from workstation.workers.processes import helper_context, start_helper

_executor: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def render_preview(original: bytes, width: int) -> bytes:
    """JPEG bytes of ``original`` about ``width`` pixels wide (runs in the helper)."""
    return make_rendition(original, min(width, PREVIEW_MAX_WIDTH), "jpeg").data


def render_crops(
    source: bytes, width: int, aspects: tuple[tuple[int, int], ...], focal: tuple[float, float]
) -> list[bytes]:
    """``source`` cropped to each aspect around ``focal``, as the export crops (runs in the helper)."""
    return [make_rendition(source, width, "jpeg", aspect=aspect, focal=focal).data for aspect in aspects]


def _helper() -> ProcessPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context(), initializer=start_helper)
    return _executor


def _submit(function: Any, *args: Any) -> Future:
    """Queue ``function(*args)`` on the helper, starting a new helper if there is none or it died."""
    global _executor
    with _lock:
        try:
            return _helper().submit(function, *args)
        except BrokenExecutor:
            _executor = None
            return _helper().submit(function, *args)


def preview_bytes(original: bytes, width: int) -> bytes:
    """``render_preview`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _submit(render_preview, original, width).result()


def crop_bytes(
    source: bytes, width: int, aspects: tuple[tuple[int, int], ...], focal: tuple[float, float]
) -> list[bytes]:
    """``render_crops`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _submit(render_crops, source, width, aspects, focal).result()


def stop_helper() -> None:
    """End the helper process (the app calls this on quit); the next request starts a new one."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)
