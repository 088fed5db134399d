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
what the migrations made is recorded in ``migrations/schemas.json``
(``python -m workstation.library.schema_guard`` adds to it) and a file
matching a recorded schema opens without running them. The record only
grows: a library made by an earlier build, whose SQLAlchemy spelt the same
tables a little differently, still opens. Any other file is compared with
what this build's migrations make, computed once per process, before it
is refused; so a migration added without updating the record costs time,
never a wrongly refused library.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.migrating import MIGRATIONS_DIR, migration_revisions, upgrade

SNAPSHOT = MIGRATIONS_DIR / "schemas.json"
# How the recorded SQL was normalised; a new way starts a new record.
_FORMAT = "3"
# Tables SQLite itself adds (AUTOINCREMENT counters, ANALYZE statistics),
# exactly as SQLite makes them: data for the query planner, never code, and
# a user's own ANALYZE must not lock them out of their library.
_SQLITE_OWN_TABLES = {
    "sqlite_sequence": "create table sqlite_sequence ( name , seq )",
    "sqlite_stat1": "create table sqlite_stat1 ( tbl , idx , stat )",
    "sqlite_stat4": "create table sqlite_stat4 ( tbl , idx , neq , nlt , ndlt , sample )",
}
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
    # their SQL, not our migrations, and another SQLite may write it
    # differently, so only what they are is compared.
    virtual = [name for name, (_k, _t, sql) in expected.items() if (sql or "").startswith("create virtual table")]
    for name, (kind, table, sql) in sorted(actual.items()):
        want = expected.get(name)
        if want is None:
            if kind == "table" and sql == _SQLITE_OWN_TABLES.get(name):
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
    _verify(actual, None, path, only="alembic_version")


def verify_schema(actual: Schema, revision: str, path: Path) -> None:
    """Refuse, with one line, a schema that is not exactly one that ``revision`` has."""
    _verify(actual, revision, path)


def _verify(actual: Schema, revision: str | None, path: Path, only: str | None = None) -> None:
    if only is not None:
        actual = {only: actual[only]}
    problem = f"schema {revision} is unknown"
    for expected in _candidates(revision):
        problem = _difference(actual, expected if only is None else {only: expected[only]})
        if problem is None:
            return
    raise _altered(path, problem)


def _candidates(revision: str | None) -> Iterator[Schema]:
    """Every schema a library at ``revision`` (None: at any) may rightly have, the cheap ones first.

    First the schemas recorded in the snapshot (what earlier builds of these
    migrations made, through whichever SQLAlchemy they shipped with), then
    the one this build's migrations make, computed only when none matched.
    """
    for recorded_revision, variants in _recorded().items():
        if revision in (None, recorded_revision):
            yield from variants
    for migrated_revision, schema in _migrated().items():
        if revision in (None, migrated_revision):
            yield schema


def expected_schema(revision: str) -> Schema:
    """The schema this build's migrations create at ``revision``."""
    return _migrated()[revision]


def _load_snapshot() -> dict[str, list[dict[str, list]]]:
    try:
        document = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document.get("revisions", {}) if document.get("format") == _FORMAT else {}


@functools.cache
def _recorded() -> dict[str, list[Schema]]:
    return {revision: [{name: tuple(entry) for name, entry in schema.items()} for schema in variants]
            for revision, variants in _load_snapshot().items()}


@functools.cache
def _migrated() -> dict[str, Schema]:
    return migrate_each_revision()


def migrate_each_revision() -> dict[str, Schema]:
    """Run the migrations on an empty in-memory database, reading the schema after each revision."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

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


def _as_json(schema: Schema) -> dict[str, list]:
    return {name: list(entry) for name, entry in schema.items()}


def write_snapshot() -> None:
    """Add what this build's migrations make to ``migrations/schemas.json``, keeping every earlier variant."""
    revisions = _load_snapshot()
    for revision, schema in migrate_each_revision().items():
        variants = revisions.setdefault(revision, [])
        if _as_json(schema) not in variants:
            variants.append(_as_json(schema))
    document = {"format": _FORMAT, "revisions": revisions}
    SNAPSHOT.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def snapshot_is_current() -> bool:
    """Whether the snapshot holds what this build's migrations make, so that opening never runs them."""
    recorded = _load_snapshot()
    return all(_as_json(schema) in recorded.get(revision, []) for revision, schema in migrate_each_revision().items())


if __name__ == "__main__":
    write_snapshot()
    print(f"wrote {SNAPSHOT}", file=sys.stderr)
