"""The library's change marker: one ``settings`` row replaced by every write to its content.

Migration 0005's triggers give the row a new random value on every insert,
update and delete of the content tables, whoever writes (the app, the
command line, a script); read together with the schema revision (an upgrade
alters tables without firing a trigger), an unchanged marker means an unchanged
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
_NEW_MARKER = f"UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = '{MARKER_KEY}';"
# The schema revision is part of the marker: an upgrade by another build
# changes tables without firing any trigger.
_QUERY = "SELECT (SELECT version_num FROM alembic_version), (SELECT value FROM settings WHERE key = ?)"


def _marker(row: tuple[object, object] | None) -> str | None:
    if not row or not row[0] or not row[1]:
        return None
    return f"{row[0]}:{row[1]}"


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
    return _marker(row)


def session_marker(session: Session) -> str | None:
    """The marker as ``session`` sees it (read before a snapshot, it dates the snapshot)."""
    row = session.connection().exec_driver_sql(_QUERY, (MARKER_KEY,)).fetchone()
    return _marker(tuple(row) if row else None)


def marker_triggers(table: str) -> list[str]:
    """The statements that make every insert, update and delete on ``table`` renew the marker.

    Migration 0005 creates them for the tables of its day; a later migration
    that adds a table an export reads, or rebuilds one (Alembic's batch mode
    on SQLite drops its triggers), runs them for that table.
    """
    statements = []
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        # The marker's own row must not re-trigger itself (recursive triggers are off, but say it anyway).
        when = f" WHEN {row}.key <> '{MARKER_KEY}'" if table == "settings" else ""
        statements.append(
            f"CREATE TRIGGER {table}_change_marker_{event.lower()} AFTER {event} ON {table}{when} "
            f"BEGIN {_NEW_MARKER} END"
        )
    return statements
