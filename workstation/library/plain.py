"""Plain SQL over the library's own DB-API connection: the export's reads and its render-cache writes.

The export of an unchanged or barely changed library is over in a few
hundred milliseconds, and importing SQLAlchemy and the models would take
most of that. What the export reads (the catalog snapshot, the change
marker, settings) and writes (its render cache) is a handful of fixed
queries, so they are written once in SQL with ``?`` placeholders and run
through ``Plain``, on SQLite's own connection for a library file
(``Library.reading``) or on the newsroom session's driver connection for
PostgreSQL (where ``?`` becomes the driver's ``%s``). Every other read and
every edit goes through the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# Values bound in one ``IN (...)``: under SQLite's oldest host-parameter limit (999) with room for
# a statement's other parameters, and short enough for PostgreSQL to plan as a list.
IN_BATCH = 500


class Plain:
    """A DB-API connection inside one transaction, spoken to with ``?`` placeholders."""

    def __init__(self, connection: Any, *, placeholder: str = "?") -> None:
        self.connection = connection
        self.placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return max(cursor.rowcount, 0)
        finally:
            cursor.close()

    def run_many(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(p) for p in params]
        if not batch:
            return
        cursor = self.connection.cursor()
        try:
            cursor.executemany(self._sql(sql), batch)
        finally:
            cursor.close()


def batches(values: Sequence[T], size: int = IN_BATCH) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``, in order: each one fits one ``IN (...)``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(count: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` of ``count`` values."""
    return ", ".join("?" * count)
