"""Rendered bodies and pages, cached between exports inside the library itself.

A body is keyed by its text, everything its references resolved to, and
the version of the Markdown renderer's own code; a page by the fingerprint
of all its inputs (which includes the templates' and renderer's versions).
A cached entry is therefore exactly what rendering again would produce,
which lets a full export into a new folder skip Markdown and Jinja for
unchanged work, as Pelican's content cache skips parsing.

The entries live in the library's ``render_cache`` table: deleting the
library deletes them, and a copied library exports warm. Keys start with
the page they belong to, so storing a page's new rendering drops its old
one, and the table holds about one body and one page per page of the
site; entries no export used for a month are dropped too. Recording uses
and dropping old entries reads every entry's ``used_at``, which SQLite
keeps after the entry's bytes: both are done by the first export of a day
only (the ``sweep:`` entry records when), not by every export.

Only the library's writer stores entries (``store``): an export from a
library another Workstation holds reads the cache but leaves it as it was.
The cache is best effort: if it cannot be read or written, the export
simply renders everything. It is read and written in plain SQL
(``Library.reading``, ``Library.writing``): an export after one edit
stores its page without importing SQLAlchemy.
"""

from __future__ import annotations

import hashlib
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import workstation.content
from workstation.content.markdown import render_markdown
from workstation.errors import LibraryError
from workstation.library.database import Library
from workstation.library.plain import batches, marks

if TYPE_CHECKING:
    from workstation.publish.context import BodyResolver

KEEP_SECONDS = 30 * 24 * 3600
# An entry's use is recorded at most once a day: an export that reuses a
# thousand pages then writes nothing to the library for them.
TOUCH_SECONDS = 24 * 3600
# An entry of its own whose ``used_at`` is when uses were last recorded and old entries dropped.
SWEEP_KEY = "sweep:"


@cache
def renderer_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(workstation.content.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _owner(key: str) -> str:
    """``kind:page:`` of a key: every entry of one page's kind shares it."""
    return key[: key.rindex(":") + 1]


class RenderCache:
    def __init__(self, library: Library, *, store: bool) -> None:
        self.library = library
        self.store = store and not library.readonly
        self.now = int(time.time())
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()
        self._loaded: dict[str, bytes] = {}
        # Keys a prefetch asked for: one it did not find is not in the table, so no query asks again.
        self._asked: set[str] = set()
        self._holds_any: bool | None = None
        self.hits = 0

    @staticmethod
    def body_key(page: str, fingerprint: str) -> str:
        return f"body:{page}:" + hashlib.sha256(f"{renderer_version()}:{fingerprint}".encode()).hexdigest()

    @staticmethod
    def page_key(page: str, inputs: str) -> str:
        return f"page:{page}:{inputs}"

    def body(self, page: str, text: str, resolver: BodyResolver, refs: tuple[list[int], list[str]]) -> str:
        """A body rendered for ``page``, from the cache when its text and everything it refers to are unchanged.

        ``refs`` are the body's photo ids and article slugs (``Catalog.refs``).
        """
        key = self.body_key(page, resolver.fingerprint(text, *refs))
        html = self.get(key)
        if html is None:
            html = render_markdown(text, resolver)
            self.put(key, html)
        return html

    def prefetch(self, keys: list[str]) -> None:
        """Load many entries in a few queries: one query per page costs more than the page.

        A first export asks for a thousand entries the table does not hold:
        after a prefetch, ``get`` answers those without a query of its own.
        """
        if not keys or not self.holds_any():
            return
        try:
            with self.library.reading() as plain:
                for chunk in batches(keys):
                    rows = plain.rows(f"SELECT key, html FROM render_cache WHERE key IN ({marks(len(chunk))})", chunk)
                    self._loaded.update({key: html for key, html in rows})
                    self._asked.update(chunk)
        except LibraryError:
            return

    def holds_any(self) -> bool:
        """Whether the table holds any entry (a library's first export finds none, and need look nothing up)."""
        if self._holds_any is None:
            try:
                with self.library.reading() as plain:
                    self._holds_any = bool(plain.rows("SELECT 1 FROM render_cache LIMIT 1"))
            except LibraryError:
                self._holds_any = True
        return self._holds_any

    def get(self, key: str) -> str | None:
        data = self.get_data(key)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def get_data(self, key: str) -> bytes | None:
        """An entry as stored (the bytes of a page, or of a file such as an icon)."""
        data = self._loaded.pop(key, None)
        if data is None:
            if key in self._asked or self._holds_any is False:
                return None
            try:
                with self.library.reading() as plain:
                    rows = plain.rows("SELECT html FROM render_cache WHERE key = ?", (key,))
            except LibraryError:
                return None
            if not rows or rows[0][0] is None:
                return None
            data = rows[0][0]
        else:
            self._asked.discard(key)
        try:
            stored = bytes(data)
        except TypeError:
            return None
        self._used.add(key)
        self.hits += 1
        return stored

    def touch(self, key: str) -> None:
        """Mark an entry as still wanted (its page was already right in the output folder)."""
        self._used.add(key)

    def put(self, key: str, html: str) -> None:
        # Stored as plain UTF-8: decompressing a thousand pages took a third of a warm export.
        self._new[key] = html.encode("utf-8")

    def put_data(self, key: str, data: bytes) -> None:
        self._new[key] = data

    def close(self) -> None:
        """Store what was rendered (replacing each page's older entries), mark what was reused, forget what nobody used for a month."""
        if not self.store or not (self._new or self._used):
            return
        try:
            with self.library.writing() as plain:
                # Every key of an owner sorts between it and the same text ending in ";" (":" + 1);
                # one statement run for every owner (a thousand statements took a second).
                plain.run_many(
                    "DELETE FROM render_cache WHERE key >= ? AND key < ?",
                    [(owner, owner[:-1] + ";") for owner in sorted({_owner(key) for key in self._new})],
                )
                # Every older entry of these pages was deleted just above, so a plain insert
                # (the same SQL in SQLite and PostgreSQL) cannot meet one.
                plain.run_many(
                    "INSERT INTO render_cache (key, html, used_at) VALUES (?, ?, ?)",
                    [(key, html, self.now) for key, html in self._new.items()],
                )
                swept = plain.rows("SELECT used_at FROM render_cache WHERE key = ?", (SWEEP_KEY,))
                if swept and swept[0][0] >= self.now - TOUCH_SECONDS:
                    return
                used = sorted(self._used - set(self._new))
                for chunk in batches(used):
                    plain.run(
                        f"UPDATE render_cache SET used_at = ? WHERE key IN ({marks(len(chunk))}) AND used_at < ?",
                        (self.now, *chunk, self.now - TOUCH_SECONDS),
                    )
                plain.run("DELETE FROM render_cache WHERE used_at < ? OR key = ?", (self.now - KEEP_SECONDS, SWEEP_KEY))
                plain.run("INSERT INTO render_cache (key, html, used_at) VALUES (?, ?, ?)", (SWEEP_KEY, b"", self.now))
        except LibraryError:
            return
        finally:
            self._new.clear()
            self._used.clear()


def forget_rendered(library: Library) -> int:
    """Empty the library's rendered-page cache; returns how many entries it held."""
    with library.writing() as plain:
        return plain.run("DELETE FROM render_cache") or 0
