"""Importing photo files from the desk: decoded by a helper, stored here, one photo at a time.

The helper process (``workers.ingest_process``) only decodes; this module,
running on a thread of the app, stores each decoded photo in its own short
transaction, so a refused file never touches the library, a cancelled
import keeps the photos that already landed, and only the app ever opens
the library for writing. The report says what happened to every file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.importer import IMAGE_SUFFIXES
from workstation.library.photos import add_photo
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, IngestedImage
from workstation.workers.ingest_process import decode_in_child

# Decodes files; yields each file's name with its image or the reason it was refused.
Decoder = Callable[[Sequence[Path], int, Callable[[], bool]], Iterator[tuple[str, IngestedImage | str]]]


@dataclass
class PhotoImportReport:
    """What happened to every file of one import."""

    imported: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    # Every photo the files ended up as, new or already there, in file
    # order: what an editor inserts for photos dropped onto the text.
    photo_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0

    @property
    def processed(self) -> int:
        return len(self.imported) + len(self.duplicates) + len(self.refused)


@dataclass(frozen=True)
class ImportStep:
    """One file done: stored (``photo_id``, ``is_new``) or refused (``reason``)."""

    done: int
    total: int
    filename: str
    photo_id: int | None = None
    is_new: bool = False
    reason: str = ""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file given, and the images inside each folder (recursively, sorted)."""
    files: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in IMAGE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
        else:
            found = [path]
        for item in found:
            if item not in seen:
                seen.add(item)
                files.append(item)
    return files


def store_photo(library: Library, image: IngestedImage) -> tuple[int, bool]:
    """Store one decoded photo in its own transaction; its id and whether it is new."""
    with library.transaction() as session:
        photo, is_new = add_photo(session, image)
        return photo.id, is_new


def import_photos(
    library: Library,
    paths: Iterable[Path],
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    cancelled: Callable[[], bool] = lambda: False,
    on_step: Callable[[ImportStep], None] = lambda _step: None,
    decode: Decoder = decode_in_child,
) -> PhotoImportReport:
    """Import files and folders: ``decode`` reads them, each result is stored here as it arrives.

    ``on_step`` hears of every file as it is stored or refused; ``cancelled``
    stops the import after the files already being decoded.
    """
    report = PhotoImportReport()
    try:
        files = expand_paths(paths)
    except OSError as exc:
        report.refused.append(("(folder)", f"cannot be read ({exc.strerror or exc})"))
        files = []
    report.total = len(files)
    if library.readonly:
        for path in files:
            _refuse(report, path.name, "the library is open read-only", on_step)
        return report
    for name, result in decode(files, max_pixels, cancelled):
        if isinstance(result, str):
            _refuse(report, name, result, on_step)
            continue
        try:
            photo_id, is_new = store_photo(library, result)
        except WorkstationError as exc:
            _refuse(report, name, str(exc).removeprefix(f"{name}: "), on_step)
            continue
        if is_new:
            report.imported.append(photo_id)
        else:
            report.duplicates.append((name, photo_id))
        report.photo_ids.append(photo_id)
        on_step(ImportStep(report.processed, report.total, name, photo_id=photo_id, is_new=is_new))
    report.cancelled = report.processed < report.total
    return report


def _refuse(report: PhotoImportReport, name: str, reason: str, on_step: Callable[[ImportStep], None]) -> None:
    report.refused.append((name, reason))
    on_step(ImportStep(report.processed, report.total, name, reason=reason))


def import_summary(report: PhotoImportReport) -> str:
    """One line saying what landed, what was already there and what was refused."""
    parts = [f"{len(report.imported)} imported"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already in the library")
    if report.refused:
        parts.append(f"{len(report.refused)} refused")
    text = ", ".join(parts)
    if report.cancelled:
        text += " (cancelled; the files not reached were left out)"
    return text
