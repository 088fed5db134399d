"""The photo desk: ingest, captions, credits, rights, attaching photos to stories.

``PhotoDesk`` is the widget the main window hosts; ``start_import`` is the
background import the article editor also uses for photos dropped onto it.
"""

from workstation.ui.photo_desk.desk import PhotoDesk
from workstation.ui.photo_desk.importing import start_import

__all__ = ["PhotoDesk", "start_import"]
