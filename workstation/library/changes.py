"""The library's change marker: one ``settings`` row replaced by every write to its content.

Migration 0005's triggers give the row a new random value on every insert,
update and delete of the content tables, whoever writes (the app, the
command line, a script). An unchanged marker therefore means an unchanged
library, which lets ``workstation export`` recognise a folder that is
already right without loading the library. Reading it needs only
``sqlite3``: the point is to answer before SQLAlchemy is imported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MARKER_KEY = "change_marker"
_QUERY = "SELECT value FROM settings WHERE key = ?"


def read_marker(path: Path) -> str | None:
    """The marker of the library file at ``path``; None when it has none or cannot be read.

    The file is opened read-only and never changed; a file that is not a
    library, is damaged or predates the marker answers None, and the caller
    then assumes nothing. Only for a process that has not opened the library:
    closing this connection's descriptor would drop that process's SQLite locks.
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(_QUERY, (MARKER_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row and row[0] else None


def session_marker(session: Session) -> str | None:
    """The marker as ``session`` sees it (read before a snapshot, it dates the snapshot)."""
    row = session.connection().exec_driver_sql(_QUERY, (MARKER_KEY,)).fetchone()
    return str(row[0]) if row and row[0] else None
