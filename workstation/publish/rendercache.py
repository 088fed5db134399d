"""Rendered bodies and pages, cached between exports by what they were made from.

A body is keyed by its text, everything its references resolved to, and
the version of the Markdown renderer's own code; a page by the fingerprint
of all its inputs (which includes the templates' and renderer's versions).
A cached entry is therefore exactly what rendering again would produce,
which lets a full export into a new folder skip Markdown and Jinja for
unchanged work, as Pelican's content cache skips parsing.

One SQLite file, because a thousand small files cost more to open than to
read; entries unused for a month are dropped. The cache is best effort: if
it cannot be opened or written, the export simply renders everything.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from functools import cache
from pathlib import Path

import workstation.content

KEEP_SECONDS = 30 * 24 * 3600
SCHEMA = """
CREATE TABLE IF NOT EXISTS rendered (
    key TEXT PRIMARY KEY,
    html BLOB NOT NULL,
    used_at INTEGER NOT NULL
)
"""


@cache
def renderer_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(workstation.content.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class RenderCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.now = int(time.time())
        self._new: list[tuple[str, bytes, int]] = []
        self._used: list[tuple[int, str]] = []
        self._loaded: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=5, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)
        except (OSError, sqlite3.Error):
            self._db = None

    @staticmethod
    def body_key(fingerprint: str) -> str:
        return "body:" + hashlib.sha256(f"{renderer_version()}:{fingerprint}".encode()).hexdigest()

    @staticmethod
    def page_key(page: str, inputs: str) -> str:
        return f"page:{inputs}:{page}"

    def prefetch(self, keys: list[str]) -> None:
        """Load many entries in a few queries: one query per page costs more than the page."""
        if self._db is None:
            return
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                self._loaded.update(
                    self._db.execute(f"SELECT key, html FROM rendered WHERE key IN ({marks})", chunk).fetchall()
                )
        except sqlite3.Error:
            return

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        data = self._loaded.pop(key, None)
        if data is None:
            try:
                row = self._db.execute("SELECT html FROM rendered WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
            if row is None:
                return None
            data = row[0]
        try:
            html = bytes(data).decode("utf-8")
        except (UnicodeDecodeError, TypeError):
            return None
        self._used.append((self.now, key))
        return html

    def put(self, key: str, html: str) -> None:
        # Stored as plain UTF-8: decompressing a thousand pages took a third of a warm export.
        self._new.append((key, html.encode("utf-8"), self.now))

    def close(self) -> None:
        """Store what was rendered, mark what was reused, forget what nobody used for a month."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?)", self._new)
                self._db.executemany("UPDATE rendered SET used_at = ? WHERE key = ?", self._used)
                self._db.execute("DELETE FROM rendered WHERE used_at < ?", (self.now - KEEP_SECONDS,))
        except sqlite3.Error:
            pass
        finally:
            self._db.close()
            self._db = None
