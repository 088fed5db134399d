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
``import_paths``. This module needs neither the ORM nor the article
machinery (``library.import_store`` does): decoding starts first, and they
load while the first photos decode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from workstation.library.database import Library
from workstation.library.import_report import ImportReport, Refusal
from workstation.library.import_sources import EVERY_KIND, expand_paths
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, ingest_files

__all__ = ["ImportReport", "Refusal", "import_paths"]

Progress = Callable[[int, int, str], None]


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
    report = ImportReport()
    files = expand_paths(paths, report, kinds)
    # Every image found is started decoding now; the few an author's profile turns out to name as
    # its avatar are decoded for nothing and dropped (``import_store.store_files``).
    decoded = ingest_files(files.images, max_pixels=max_pixels)
    try:
        # Loaded here, not at the top: the ORM and the article machinery take a good part of a
        # second to import, time in which the first photos decode on the other cores.
        from workstation.library.import_store import store_files

        return store_files(library, files, decoded, report, run, progress, cancel, max_pixels)
    finally:
        decoded.close()
