"""The inspector's preview and crops, encoded in a helper process.

Making a preview decodes an original and re-encodes it: Pillow releases the
GIL for the pixel work, but the Python around it (EXIF and XMP building)
does not, and in a thread of the GUI process it stalls every Qt call the UI
thread makes meanwhile (measured: 50-100 ms just after a shoot was
selected). One long-lived helper process does it instead. It receives the
bytes to work on (the app reads the original from its library) and returns
JPEG bytes; it never opens the library, so ending it mid-work loses
nothing: quitting ends it at once (``stop_helper``) rather than wait for a
preview nobody will see, and a job waiting for it stops waiting when it is
cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from typing import Any

from workstation.library.preview_images import PREVIEW_MAX_WIDTH
from workstation.photos.renditions import make_rendition
from workstation.workers.processes import helper_context, start_helper

# How often a job waiting for the helper looks whether it was cancelled.
CANCEL_POLL_S = 0.05

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


def _answer(future: Future, cancelled: Callable[[], bool]) -> Any:
    """The helper's answer; ``CancelledError`` as soon as ``cancelled()`` (the helper's work is then abandoned)."""
    while True:
        try:
            return future.result(timeout=CANCEL_POLL_S)
        except TimeoutError:
            if cancelled():
                future.cancel()
                raise CancelledError from None


def preview_bytes(original: bytes, width: int, cancelled: Callable[[], bool] = lambda: False) -> bytes:
    """``render_preview`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _answer(_submit(render_preview, original, width), cancelled)


def crop_bytes(
    source: bytes,
    width: int,
    aspects: tuple[tuple[int, int], ...],
    focal: tuple[float, float],
    cancelled: Callable[[], bool] = lambda: False,
) -> list[bytes]:
    """``render_crops`` in the helper; blocks the calling (worker) thread, never the GIL."""
    return _answer(_submit(render_crops, source, width, aspects, focal), cancelled)


def stop_helper() -> None:
    """End the helper process now, dropping what it was encoding; the next request starts a new one.

    Its queued requests fail with ``CancelledError``, a running one with
    ``BrokenExecutor``. The main window calls this when it releases its
    library (on quit, or on a switch to another library).
    """
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is None:
        return
    terminate = getattr(executor, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    # Before Python 3.14 (``terminate_workers``) the pool has no public way to end a busy worker:
    # its own table of them is used, and the pool, finding its worker gone, fails what was left.
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)
