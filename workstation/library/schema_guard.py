"""A library is data, not code: its schema must be exactly the one our migrations make.

A library file arrives by mail or from a colleague's disk, and SQLite runs
whatever its schema says: a planted trigger runs attacker SQL on the
user's own writes, a recursive one hangs them, a table swapped for a view
can loop forever on the first read. So before anything reads a row, the
file's schema (every table, index, trigger and view, by name and SQL) is
compared with the schema the migration scripts create at the file's
revision, and anything else is refused.

The expected schema of every revision is learned by running the migrations
on an empty in-memory database, never written by hand, so a new migration
needs no change here. Running Alembic costs a few hundred milliseconds, so
the result ships as ``migrations/schemas.json``, keyed by a digest of the
migration scripts; when the scripts change and the file was not
regenerated (``python -m workstation.library.schema_guard``), the schemas
are computed once per process instead, and stay right.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from workstation.errors import LibraryError
from workstation.library.migrating import MIGRATIONS_DIR, migration_revisions, upgrade

SNAPSHOT = MIGRATIONS_DIR / "schemas.json"
# Part of the digest, so a change to how SQL is normalised retires the snapshot.
_FORMAT = "2"
# Tables SQLite itself adds (AUTOINCREMENT counters, ANALYZE statistics):
# data for the query planner, never code, and a user's own ANALYZE must not
# lock them out of their library.
_SQLITE_OWN_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})
_TOKEN = re.compile(
    r"""'(?:[^']|'')*'"""  # a string literal
    r"""|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]"""  # a quoted identifier
    r"|[A-Za-z_][A-Za-z0-9_$]*|[0-9]+(?:\.[0-9]+)?|\S"  # a word, a number, one symbol
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")

# name -> (type, table it belongs to, normalised SQL or None)
SchemaEntry = tuple[str, str, str | None]
Schema = dict[str, SchemaEntry]


@functools.lru_cache(maxsize=1024)
def normalise_sql(sql: str | None) -> str | None:
    """``sql`` with layout, keyword case and needless identifier quotes taken out.

    SQLite keeps a CREATE statement's text as it was written, and rewrites it
    when a table is renamed; two spellings of one schema must compare equal.
    String literals are kept exactly. Remembered, because every open of a
    library reads the same few dozen statements.
    """
    if sql is None:
        return None
    tokens = []
    for token in _TOKEN.findall(sql):
        if token[0] in "\"`[":
            inner = token[1:-1].replace('""', '"') if token[0] == '"' else token[1:-1]
            token = inner.lower() if _IDENTIFIER.fullmatch(inner) else token
        elif token[0] != "'":
            token = token.lower()
        tokens.append(token)
    return " ".join(tokens)


def read_schema(connection: sqlite3.Connection) -> Schema:
    """The schema of the main database behind ``connection``, normalised.

    Only ``sqlite_master`` is read: nothing the schema defines runs.
    """
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")
    return {name.lower(): (kind, table.lower(), normalise_sql(sql)) for kind, name, table, sql in rows}


def _difference(actual: Schema, expected: Schema) -> str | None:
    """The first way ``actual`` departs from ``expected``, in words; None when it does not."""
    # Tables a virtual table module (FTS5) makes for itself: SQLite writes
    # their SQL, which differs between SQLite versions, so only what they
    # are is compared.
    virtual = [name for name, (_k, _t, sql) in expected.items() if (sql or "").startswith("create virtual table")]
    for name, (kind, table, sql) in sorted(actual.items()):
        want = expected.get(name)
        if want is None:
            if kind == "table" and name in _SQLITE_OWN_TABLES:
                continue
            return f"unexpected {kind} {_shown(name)}"
        if kind != want[0]:
            return f"{_shown(name)} is a {kind} where a {want[0]} belongs"
        shadow = kind == "table" and any(name.startswith(f"{v}_") for v in virtual)
        if table != want[1] or (sql != want[2] and not shadow):
            return f"{kind} {_shown(name)} was changed"
    for name, (kind, _table, _sql) in sorted(expected.items()):
        if name not in actual:
            return f"missing {kind} {_shown(name)}"
    return None


def _shown(name: str) -> str:
    """A name from the file, quoted, safe to print on one line: control characters escaped, length capped."""
    printable = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name[:80])
    return f"'{printable}{'…' if len(name) > 80 else ''}'"


def _altered(path: Path, problem: str) -> LibraryError:
    return LibraryError(f"{path}: the library's schema has been altered ({problem}); refusing to open it")


def verify_version_table(actual: Schema, path: Path) -> None:
    """Refuse unless ``alembic_version`` is our plain table, before its row is read."""
    expected = next(iter(_expected_schemas().values()))["alembic_version"]
    problem = _difference({"alembic_version": actual["alembic_version"]}, {"alembic_version": expected})
    if problem is not None:
        raise _altered(path, problem)


def verify_schema(actual: Schema, revision: str, path: Path) -> None:
    """Refuse, with one line, a schema that is not exactly the one ``revision`` has."""
    expected = _expected_schemas().get(revision)
    if expected is None:
        raise LibraryError(f"{path}: schema {revision} is not one this version of Workstation knows")
    problem = _difference(actual, expected)
    if problem is not None:
        raise _altered(path, problem)


def expected_schema(revision: str) -> Schema:
    """The schema our migrations create at ``revision``."""
    return _expected_schemas()[revision]


def _sources_digest() -> str:
    digest = hashlib.sha256(_FORMAT.encode())
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def _expected_schemas() -> dict[str, Schema]:
    try:
        snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        snapshot = {}
    if snapshot.get("sources") == _sources_digest():
        return {rev: {name: tuple(entry) for name, entry in schema.items()}
                for rev, schema in snapshot["revisions"].items()}
    return migrate_each_revision()


def migrate_each_revision() -> dict[str, Schema]:
    """Run the migrations on an empty in-memory database, reading the schema after each revision."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.execute("PRAGMA foreign_keys = ON")
    engine = create_engine("sqlite+pysqlite://", creator=lambda: connection, poolclass=StaticPool)
    schemas = {}
    try:
        for revision in migration_revisions():
            with engine.begin() as migrating:
                upgrade(migrating, revision)
            schemas[revision] = read_schema(connection)
    finally:
        engine.dispose()
        connection.close()
    return schemas


def write_snapshot() -> None:
    """Regenerate ``migrations/schemas.json`` from the migration scripts."""
    document = {"sources": _sources_digest(), "revisions": migrate_each_revision()}
    SNAPSHOT.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def snapshot_is_current() -> bool:
    try:
        snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    fresh = {rev: {name: list(entry) for name, entry in schema.items()}
             for rev, schema in migrate_each_revision().items()}
    return snapshot.get("sources") == _sources_digest() and snapshot.get("revisions") == fresh


if __name__ == "__main__":
    write_snapshot()
    print(f"wrote {SNAPSHOT}", file=sys.stderr)
