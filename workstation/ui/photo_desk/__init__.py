"""The photo desk: ingest, captions, credits, rights, attaching photos to stories.

``PhotoDesk`` is the widget the main window hosts; ``ImportWorker`` is the
background importer the article editor also uses for photos dropped onto it.
"""

from workstation.ui.photo_desk.desk import PhotoDesk
from workstation.ui.photo_desk.import_worker import ImportReport, ImportWorker

__all__ = ["ImportReport", "ImportWorker", "PhotoDesk"]
