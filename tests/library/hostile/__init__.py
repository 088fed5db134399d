"""A corpus of hostile library files, built by code from a fresh library.

Each entry takes the path of a sound, empty library at the head schema and
turns it into a file someone could mail a reporter: valid SQLite, the right
signature and schema revision, and a schema that carries code. Every entry
must be refused on open, with one line naming what was altered. Add to it
whenever a new way to plant code in a library is found.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

# An endless row source: any statement reading it never returns.
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"


def _run(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(";\n".join(statements) + ";")
    finally:
        connection.close()


def planted_trigger(path: Path) -> None:
    """Attacker SQL on the user's own writes: every new article's body is replaced."""
    _run(path, "CREATE TRIGGER x AFTER INSERT ON articles BEGIN "
               "UPDATE articles SET body = 'PWNED BY TRIGGER'; END")


def looping_trigger(path: Path) -> None:
    """The first write never finishes."""
    _run(path, f"CREATE TRIGGER spin AFTER INSERT ON articles BEGIN SELECT max(i) FROM ({ENDLESS}); END")


def replaced_search_trigger(path: Path) -> None:
    """One of our own trigger names, with a body of the attacker's."""
    _run(path, "DROP TRIGGER articles_fts_ai",
         "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
         "UPDATE settings SET value = 'https://attacker.example/' WHERE key = 'base_url'; END")


def table_swapped_for_looping_view(path: Path) -> None:
    """Every read of sections (check, search, export) loops forever."""
    _run(path, "DROP TABLE sections",
         f"CREATE VIEW sections(id, slug, name, description, position) AS "
         f"SELECT i, 's' || i, 'Section', '', i FROM ({ENDLESS})")


def version_table_swapped_for_looping_view(path: Path) -> None:
    """Even reading the schema revision would loop forever."""
    _run(path, "DROP TABLE alembic_version",
         f"CREATE VIEW alembic_version(version_num) AS SELECT '0003' FROM ({ENDLESS})")


def trigger_named_to_forge_terminal_lines(path: Path) -> None:
    """A name holding a newline and a terminal escape: the refusal must still be one harmless line."""
    _run(path, 'CREATE TRIGGER "x\nworkstation: all good\x1b]0;owned\x07" AFTER INSERT ON tags BEGIN SELECT 1; END')


def statistics_table_with_a_check(path: Path) -> None:
    """A table with the name SQLite gives its statistics, but a constraint of the attacker's."""
    _run(path, "ANALYZE", "PRAGMA writable_schema = ON",
         "UPDATE sqlite_master SET sql = 'CREATE TABLE sqlite_stat1(tbl, idx, stat CHECK (length(stat) < 9))' "
         "WHERE name = 'sqlite_stat1'",
         "PRAGMA writable_schema = OFF")


def extra_view(path: Path) -> None:
    _run(path, f"CREATE VIEW everything AS {ENDLESS}")


def extra_table(path: Path) -> None:
    _run(path, "CREATE TABLE notes (body TEXT)")


def index_on_an_expression(path: Path) -> None:
    _run(path, "CREATE INDEX ix_articles_spin ON articles (length(body) * length(body))")


def dropped_index(path: Path) -> None:
    _run(path, "DROP INDEX ix_articles_status")


def loosened_check_constraint(path: Path) -> None:
    """Our table, its CHECK constraint edited through writable_schema."""
    _run(path, "PRAGMA writable_schema = ON",
         "UPDATE sqlite_master SET sql = replace(sql, '''published''', '''published'', ''pwned''') "
         "WHERE name = 'articles'",
         "PRAGMA writable_schema = OFF")


HOSTILE_LIBRARIES: dict[str, tuple[Callable[[Path], None], str]] = {
    "planted trigger": (planted_trigger, "unexpected trigger 'x'"),
    "looping trigger": (looping_trigger, "unexpected trigger 'spin'"),
    "replaced search trigger": (replaced_search_trigger, "trigger 'articles_fts_ai' was changed"),
    "table swapped for a looping view": (table_swapped_for_looping_view, "'sections' is a view where a table belongs"),
    "version table swapped for a looping view": (
        version_table_swapped_for_looping_view, "'alembic_version' is a view where a table belongs"),
    "trigger named to forge terminal lines": (
        trigger_named_to_forge_terminal_lines, "unexpected trigger 'x\\x0aworkstation: all good\\x1b]0;owned\\x07'"),
    "statistics table with a check": (statistics_table_with_a_check, "unexpected table 'sqlite_stat1'"),
    "extra view": (extra_view, "unexpected view 'everything'"),
    "extra table": (extra_table, "unexpected table 'notes'"),
    "index on an expression": (index_on_an_expression, "unexpected index 'ix_articles_spin'"),
    "dropped index": (dropped_index, "missing index 'ix_articles_status'"),
    "loosened check constraint": (loosened_check_constraint, "table 'articles' was changed"),
}
