"""Exporting originals for a wire or a partner, with their records' rights written in.

Each file is written by ``save_export``: never half-written, never over an
existing file (a number is added) and never through a planted link.
GPS goes only when the editor ticked "keep GPS position".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workstation.errors import WorkstationError, os_reason
from workstation.library.database import Library
from workstation.library.photo_queries import get_photo
from workstation.library.photos import load_original, rights_of
from workstation.photos.originals import export_original, save_export


@dataclass
class OriginalsReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def export_originals(
    library: Library,
    photo_ids: Sequence[int],
    folder: Path,
    *,
    keep_gps: bool = False,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> OriginalsReport:
    """Write the originals of ``photo_ids`` to ``folder`` with their records' rights."""
    report = OriginalsReport()
    taken: set[str] = set()
    folder = Path(folder)
    ids = list(photo_ids)
    for done, photo_id in enumerate(ids):
        if cancelled():
            report.cancelled = True
            break
        progress(done, len(ids))
        _export_one(library, photo_id, folder, keep_gps, taken, report)
    progress(len(ids), len(ids))
    return report


def _export_one(
    library: Library, photo_id: int, folder: Path, keep_gps: bool, taken: set[str], report: OriginalsReport
) -> None:
    name = f"photo {photo_id}"
    try:
        with library.session() as session:
            photo = get_photo(session, photo_id)
            name = photo.original_filename or name
            rights = rights_of(photo)
            original = load_original(session, photo_id)
        data = export_original(original, rights, keep_gps=keep_gps)
        target = save_export(folder, photo.original_filename, photo_id, data, taken)
    except WorkstationError as exc:
        report.failed.append((name, str(exc)))
        return
    except OSError as exc:
        report.failed.append((name, f"cannot be written ({os_reason(exc)})"))
        return
    report.written.append(target)
