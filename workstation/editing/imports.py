"""Importing photo files from the desk: decoded by a helper, stored here, one photo at a time.

The helper process (``workers.ingest_process``) only decodes; this module,
running on a thread of the app, stores each decoded photo in its own short
transaction, so a refused file never touches the library, a cancelled
import keeps the photos that already landed, and only the app ever opens
the library for writing. The report says what happened to every file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.library.import_sources import IMAGES_ONLY, expand_paths
from workstation.library.ingest_templates import TemplateRun, add_ingested, start_run
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, IngestedImage, ingest_files
from workstation.regular_files import printable_name
from workstation.workers.ingest_process import decode_in_child

# Decodes files; yields each file's name with its image or the reason it was refused, in file order.
Decoder = Callable[[Sequence[Path], int, Callable[[], bool]], Iterator[tuple[str, IngestedImage | str]]]


def decode_here(
    files: Sequence[Path], max_pixels: int, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[tuple[str, IngestedImage | str]]:
    """A ``Decoder`` on this process's decoding threads (``photos.ingest.ingest_files``), no helper process.

    For live ingest: a frame or two at a time arrive, and starting a helper
    process for each (about a second on a busy two-core machine) would
    take the whole budget from a file appearing to its thumbnail showing.
    """
    for path, result in ingest_files(files, max_pixels=max_pixels, cancelled=cancelled):
        name = printable_name(path)
        yield name, result if isinstance(result, IngestedImage) else str(result).removeprefix(f"{name}: ")


@dataclass(frozen=True)
class ImportStep:
    """One file done: stored (``photo_id``, ``is_new``) or refused (``reason``)."""

    done: int
    total: int
    filename: str
    photo_id: int | None = None
    is_new: bool = False
    reason: str = ""


def store_photo(library: Library, image: IngestedImage, template: TemplateRun | None = None) -> tuple[int, bool]:
    """Store one decoded photo in its own transaction, filling ``template`` into a new one; its id and whether it is new."""
    with library.transaction() as session:
        photo, is_new = add_ingested(session, image, template)
        return photo.id, is_new


def import_photos(
    library: Library,
    paths: Iterable[Path],
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    cancelled: Callable[[], bool] = lambda: False,
    on_step: Callable[[ImportStep], None] = lambda _step: None,
    decode: Decoder = decode_in_child,
    template: str = "",
    first_seq: int = 1,
) -> ImportReport:
    """Import files and folders: ``decode`` reads them, each result is stored here as it arrives.

    The files are those ``workstation import`` takes from the same paths
    (``library.import_sources``, images only), refused for the same reasons,
    and the report is the one the command line prints. ``on_step`` hears of
    every file as it is stored or refused; ``cancelled`` stops the import
    after the photo being stored (with the desk's decoder, the files still
    being decoded are dropped). ``template`` names an ingest
    template (``library.ingest_templates``) filled into every new photo,
    whose ``{seq}`` starts at ``first_seq``; an unknown one raises
    ``ValidationError`` before any file is read.
    """
    run = None
    if template:
        with library.session() as session:
            run = start_run(session, template)
        run.seq = first_seq - 1
    report = ImportReport()
    files = expand_paths(paths, report, IMAGES_ONLY).images
    report.total = len(files)
    if library.readonly:
        for done, path in enumerate(files, 1):
            _refuse(report, path, "the library is open read-only", on_step, done)
        return report
    done = 0
    for path, (_name, result) in zip(files, decode(files, max_pixels, cancelled)):
        done += 1
        if isinstance(result, str):
            _refuse(report, path, result, on_step, done)
            continue
        if result.sidecar_warning:
            report.warn(path, result.sidecar_warning)
        try:
            photo_id, is_new = store_photo(library, result, run)
        except WorkstationError as exc:
            _refuse(report, path, str(exc).removeprefix(f"{printable_name(path)}: "), on_step, done)
            continue
        if is_new:
            report.photos.append(photo_id)
        else:
            report.duplicates.append((path, photo_id))
        report.photo_ids.append(photo_id)
        report.landed += 1
        on_step(ImportStep(done, report.total, printable_name(path), photo_id=photo_id, is_new=is_new))
    report.cancelled = done < report.total
    return report


def _refuse(report: ImportReport, path: Path, reason: str, on_step: Callable[[ImportStep], None], done: int) -> None:
    report.refuse(path, reason)
    on_step(ImportStep(done, report.total, printable_name(path), reason=reason))

