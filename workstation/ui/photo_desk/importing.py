"""Starting a photo import as a job: the desk and the article editor (photos dropped on text) both use it.

The files are decoded in a helper process and stored by the job, on a
thread of the app, one short transaction per photo
(``editing.imports.import_photos``); each step and the final report arrive
on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject

from workstation.editing.imports import ImportStep, import_photos
from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.photos.ingest import DEFAULT_MAX_PIXELS
from workstation.ui.jobs import Job, runner


def start_import(
    library: Library,
    paths: Iterable[Path],
    *,
    on_done: Callable[[ImportReport], None],
    on_step: Callable[[ImportStep], None] | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    owner: QObject | None = None,
    template: str = "",
) -> Job:
    """Import ``paths`` (files and folders) in the background, filling ``template`` into new photos;
    ``Job.cancel`` keeps what landed. A job that writes: closing a desk waits for it (``ui.jobs``)."""
    files = [Path(p) for p in paths]

    def work(job: Job) -> ImportReport:
        return import_photos(
            library, files, max_pixels=max_pixels, cancelled=job.cancelled, on_step=job.progress, template=template
        )

    return runner().start(work, on_done=on_done, on_progress=on_step, owner=owner, name="photo import", writes=True)
