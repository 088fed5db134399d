"""Exporting originals for a wire or a partner, with their records' rights written in.

Each file is written beside its final name and renamed into place, so a
cancelled or failed export never leaves a half-written JPEG, and an
existing file in the folder is never overwritten (a number is added).
GPS goes only when the editor ticked "keep GPS position".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.photo_queries import get_photo
from workstation.library.photos import load_original, rights_of
from workstation.photos.originals import export_original

UNSAFE = re.compile(r"[^\w\-. ]+")


def export_name(original_filename: str, photo_id: int, taken: set[str], folder: Path) -> Path:
    """A file name in ``folder`` from the original's, never an existing file or a path outside it."""
    stem = UNSAFE.sub("_", PurePath(original_filename.replace("\\", "/")).stem).strip(" ._")[:100]
    stem = stem or f"photo-{photo_id}"
    candidate = f"{stem}.jpg"
    number = 2
    while candidate.casefold() in taken or (folder / candidate).exists():
        candidate = f"{stem}-{number}.jpg"
        number += 1
    taken.add(candidate.casefold())
    return folder / candidate


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
    partial: Path | None = None
    try:
        with library.session() as session:
            photo = get_photo(session, photo_id)
            name = photo.original_filename or name
            rights = rights_of(photo)
            original = load_original(session, photo_id)
        data = export_original(original, rights, keep_gps=keep_gps)
        target = export_name(photo.original_filename, photo_id, taken, folder)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
    except WorkstationError as exc:
        report.failed.append((name, str(exc)))
        return
    except OSError as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        report.failed.append((name, f"cannot be written ({exc.strerror or exc})"))
        return
    report.written.append(target)
