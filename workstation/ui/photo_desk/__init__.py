"""The photo desk: ingest, captions, credits, rights, attaching photos to stories.

``PhotoDesk`` is the widget the main window hosts; ``ImportWorker`` is the
background importer the article editor also uses for photos dropped onto it.
Both are loaded on first use, so the import child process, which imports
``ingest_process`` from this package, never loads Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workstation.ui.photo_desk.desk import PhotoDesk
    from workstation.ui.photo_desk.import_worker import ImportWorker

__all__ = ["ImportWorker", "PhotoDesk"]


def __getattr__(name: str) -> Any:
    if name == "PhotoDesk":
        from workstation.ui.photo_desk.desk import PhotoDesk

        return PhotoDesk
    if name == "ImportWorker":
        from workstation.ui.photo_desk.import_worker import ImportWorker

        return ImportWorker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
