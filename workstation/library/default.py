"""The library the app opens when it is started without one."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from workstation import APP_NAME
from workstation.errors import LibraryError
from workstation.library.demo import create_demo_library

DEFAULT_NAME = "Library.wslib"


def default_library_path() -> Path:
    """``Library.wslib`` in the user's data folder (``~/.local/share/Workstation`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_NAME


def ensure_default_library() -> Path:
    """The default library, made from the demo on first run so there is something to see."""
    path = default_library_path()
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"{path.parent}: cannot create the data folder ({exc.strerror or exc})") from None
    create_demo_library(path)
    return path
