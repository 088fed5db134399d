"""Exporting originals for a wire or a partner, with their records' rights written in.

Each file is written by ``save_export``: never half-written, never over an
existing file (a number is added) and never through a planted link.
GPS goes only when the editor ticked "keep GPS position". The culling
marks (rating, label, pick) are written into the XMP for the next tool.

A photo with Content Credentials (C2PA) is handed on as its original
bytes: any rewritten byte would break the manifest's hash. Only when the
original holds a GPS position the editor did not ask to keep is it
rewritten like any other photo, losing its credentials; the report lists it.

Each original is read from the library as a verified file
(``original_store.open_original``) and written out a block at a time: a
50 MB original is never held whole, and a damaged one is reported, never
written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from workstation.errors import WorkstationError, os_reason
from workstation.library.database import Library
from workstation.library.photo_queries import get_photo
from workstation.library.original_store import open_original
from workstation.library.photos import rights_of
from workstation.photos.culling import CullMarks, xmp_properties
from workstation.photos.originals import has_gps, save_export, write_export


# The file name ending of an original handed on unchanged.
SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif", "image/tiff": ".tif"}


@dataclass
class OriginalsReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    # Originals with Content Credentials written byte for byte, and those rewritten (losing them) to drop GPS.
    kept_signed: list[Path] = field(default_factory=list)
    credentials_dropped: list[str] = field(default_factory=list)


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
            marks = CullMarks(photo.rating, photo.color_label, photo.pick)
            signed = bool((photo.content_credentials or {}).get("manifest"))
            suffix = SUFFIXES.get(photo.mime, ".jpg")
            original = open_original(session, photo_id)
        with original:
            as_signed = signed and (keep_gps or not has_gps(original))

            def write(target: BinaryIO) -> None:
                if as_signed:
                    original.seek(0)
                    shutil.copyfileobj(original, target)
                else:
                    write_export(original, target, rights, keep_gps=keep_gps, extra_xmp=xmp_properties(marks))

            target = save_export(folder, photo.original_filename, photo_id, write, taken, suffix if as_signed else ".jpg")
    except WorkstationError as exc:
        report.failed.append((name, str(exc)))
        return
    except OSError as exc:
        report.failed.append((name, f"cannot be written ({os_reason(exc)})"))
        return
    report.written.append(target)
    if as_signed:
        report.kept_signed.append(target)
    elif signed:
        report.credentials_dropped.append(name)
