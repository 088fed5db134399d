"""Importing Markdown articles, author profiles and images into a library.

The contract (README "Import format"): folders are walked recursively, and
authors are imported first, then photos, then articles, so that bylines and
figures find what they name. Each file is its own transaction: a refused
file leaves the library exactly as it was and the rest still land. Images
named in an article (``image:`` or ``![alt](path)`` in the body) are resolved
relative to the Markdown file, must lie inside the folder being imported
(or be named on the command line themselves), are imported once, and the
stored body refers to the library's photo (``photo:<id>``), never to a path
on this disk.

Photos are decoded a few files ahead on every core
(``photos.ingest.ingest_files``) while the ones already decoded are
stored: the library is only ever written by the process that calls
``import_paths``. This module needs neither the library's code nor the
ORM nor the article machinery (``library.import_store`` does): decoding
starts first (``start_decoding``, which needs no library), and they load
while the first photos decode.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.errors import ImageRefused
from workstation.library.import_report import ImportReport, Refusal
from workstation.library.import_sources import EVERY_KIND, ImportFiles, expand_paths
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, IngestedImage, ingest_files

if TYPE_CHECKING:
    from workstation.library.database import Library
    from workstation.library.ingest_templates import TemplateRun

__all__ = ["Decoding", "ImportReport", "Refusal", "import_paths", "start_decoding", "store_decoded"]

Progress = Callable[[int, int, str], None]


@dataclass
class Decoding:
    """An import's files, found, with their images decoding: all of it that needs no library.

    ``store_decoded`` stores it in a library and ends the decoding; a
    caller that stores nothing (the library was refused) calls ``close``.
    """

    report: ImportReport
    files: ImportFiles
    decoded: Generator[tuple[Path, IngestedImage | ImageRefused], None, None]
    max_pixels: int

    def close(self) -> None:
        """Drop the files not yet started and wait for those being decoded."""
        self.decoded.close()


def start_decoding(
    paths: Sequence[Path | str], *, kinds: frozenset[str] = EVERY_KIND, max_pixels: int = DEFAULT_MAX_PIXELS
) -> Decoding:
    """Find the files of ``paths`` and start decoding every image found, a few files ahead on every core.

    Nothing is written and the library is not needed: ``workstation import``
    starts this before it even loads the code that opens the library, so
    its first photos decode meanwhile. The few images an author's profile
    turns out to name as its avatar are decoded for nothing and dropped
    (``import_store.store_files``).
    """
    report = ImportReport()
    files = expand_paths(paths, report, kinds)
    return Decoding(report, files, ingest_files(files.images, max_pixels=max_pixels), max_pixels)


def store_decoded(
    library: Library,
    decoding: Decoding,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    run: TemplateRun | None = None,
) -> ImportReport:
    """Store what ``decoding`` found in ``library`` (``run``: a template filled into each new photo).

    The decoding is ended either way; the report is ``decoding.report``.
    """
    try:
        # Loaded here, not at the top: the ORM and the article machinery take a good part of a
        # second to import, time in which the first photos decode on the other cores.
        from workstation.library.import_store import store_files

        return store_files(
            library, decoding.files, decoding.decoded, decoding.report, run, progress, cancel, decoding.max_pixels
        )
    finally:
        decoding.close()


def import_paths(
    library: Library,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    kinds: frozenset[str] = EVERY_KIND,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    template: str = "",
) -> ImportReport:
    """Import files and folders; the report lists what landed and what was refused, and why.

    ``cancel`` is asked before each file; Ctrl-C (``KeyboardInterrupt``)
    stops the batch the same way. Either way the file in hand is rolled
    back whole and ``report.cancelled`` is set; a full disk stops the batch
    with ``report.stopped``. ``kinds`` limits what is taken (the photo desk
    takes images only). ``template`` names an ingest template filled into
    every new photo; an unknown name raises ``ValidationError`` before any
    file is read.
    """
    run = None
    if template:
        from workstation.library.ingest_templates import start_run

        with library.session() as session:
            run = start_run(session, template)
    return store_decoded(library, start_decoding(paths, kinds=kinds, max_pixels=max_pixels), progress, cancel, run)
