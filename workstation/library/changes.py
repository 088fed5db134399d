"""The library's change marker: one ``settings`` row replaced by every write to its content.

Migration 0005's triggers give the row a new random value on every insert,
update and delete of the content tables, whoever writes (the app, the
command line, a script); read together with the schema revision (an upgrade
alters tables without firing a trigger), an unchanged marker means an unchanged
library, which lets ``workstation export`` recognise a folder that is
already right without loading the library. Reading it needs only
``sqlite3``: the point is to answer before SQLAlchemy is imported.

A newsroom on PostgreSQL carries the same marker, renewed by one plpgsql
function (``MARKER_FUNCTION``) that every table's triggers call.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MARKER_KEY = "change_marker"
_NEW_MARKER = f"UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = '{MARKER_KEY}';"
# PostgreSQL: 16 random hex digits, as SQLite's randomblob(8) gives.
NEW_MARKER_VALUE_POSTGRESQL = "substr(md5(random()::text || clock_timestamp()::text), 1, 16)"
MARKER_FUNCTION = "workstation_change_marker"
# The PostgreSQL channel on which a newsroom announces changed tables and who holds which article.
CHANGES_CHANNEL = "workstation"
# A newsroom connection's setting that names the open newsroom (the desk) it serves; change notices carry it.
DESK_SETTING = "workstation.desk"
# The schema revision is part of the marker: an upgrade by another build
# changes tables without firing any trigger.
MARKER_QUERY = f"SELECT (SELECT version_num FROM alembic_version), (SELECT value FROM settings WHERE key = '{MARKER_KEY}')"


def marker_of(row: tuple[object, object] | None) -> str | None:
    """The marker from a row of ``MARKER_QUERY``: None when the library has none."""
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
        row = connection.execute(MARKER_QUERY).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return marker_of(row)


def session_marker(session: Session) -> str | None:
    """The marker as ``session`` sees it (read before a snapshot, it dates the snapshot)."""
    # No parameters: the drivers' placeholders differ (SQLite's "?", psycopg's "%s").
    row = session.connection().exec_driver_sql(MARKER_QUERY).fetchone()
    return marker_of(tuple(row) if row else None)


def marker_function_postgresql(*, announcing: bool = False) -> str:
    """The plpgsql function every PostgreSQL marker trigger calls (made by migration 0005).

    With ``announcing`` (migration 0012 replaces it so) it also sends
    ``{"kind": "changed", "table": ..., "desk": ...}`` on ``CHANGES_CHANNEL``
    (``desk``: the writer's ``DESK_SETTING``, null when unset), which every
    desk's presence listener hears when the transaction commits: the lists
    refresh when another desk changes their rows. PostgreSQL folds equal
    notices of one transaction into one, so a save costs one notice per table.
    """
    announce = (
        f"PERFORM pg_notify('{CHANGES_CHANNEL}', json_build_object('kind', 'changed', 'table', TG_TABLE_NAME, "
        f"'desk', current_setting('{DESK_SETTING}', true))::text); "
        if announcing
        else ""
    )
    return (
        f"CREATE {'OR REPLACE ' if announcing else ''}FUNCTION {MARKER_FUNCTION}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE settings SET value = {NEW_MARKER_VALUE_POSTGRESQL} WHERE key = '{MARKER_KEY}'; "
        f"{announce}RETURN NULL; END $$"
    )


def marker_triggers(table: str, dialect: str = "sqlite") -> list[str]:
    """The statements that make every insert, update and delete on ``table`` renew the marker.

    Migration 0005 creates them for the tables of its day; a later migration
    that adds a table an export reads, or rebuilds one (Alembic's batch mode
    on SQLite drops its triggers), runs them for that table, passing its
    connection's dialect name (``op.get_bind().dialect.name``).
    """
    statements = []
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        # The marker's own row must not re-trigger itself (recursive triggers are off, but say it anyway).
        if dialect == "postgresql":
            # PostgreSQL does recurse: settings gets row triggers that skip the marker's row;
            # every other table one trigger per statement, however many rows it touches.
            each = f"ROW WHEN ({row}.key <> '{MARKER_KEY}')" if table == "settings" else "STATEMENT"
            statements.append(
                f"CREATE TRIGGER {table}_change_marker_{event.lower()} AFTER {event} ON {table} "
                f"FOR EACH {each} EXECUTE FUNCTION {MARKER_FUNCTION}()"
            )
            continue
        when = f" WHEN {row}.key <> '{MARKER_KEY}'" if table == "settings" else ""
        statements.append(
            f"CREATE TRIGGER {table}_change_marker_{event.lower()} AFTER {event} ON {table}{when} "
            f"BEGIN {_NEW_MARKER} END"
        )
    return statements
