"""Full-text search over articles, photos and authors (SQLite FTS5).

What the user types is never handed to MATCH as written: FTS5 has its own
query language, in which a stray ``"``, ``*``, ``(`` or ``NEAR`` is a syntax
error. Only the words are kept, each quoted, all required; the last one
matches as a prefix unless the user has finished it with a space, so results
narrow while typing ("харк" already finds "Харків").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, literal_column, select, table, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workstation.errors import LibraryError

KINDS = ("article", "photo", "author")
# kind -> (FTS table, bm25 column weights: a hit in a headline or a name counts most)
_INDEXES = {
    "article": ("articles_fts", (10.0, 4.0, 1.0)),
    "photo": ("photos_fts", (4.0, 2.0, 2.0)),
    "author": ("authors_fts", (10.0, 1.0)),
}
_TITLES = {
    "article": "SELECT id, CASE WHEN headline != '' THEN headline ELSE slug END FROM articles WHERE id IN ({ids})",
    "photo": "SELECT id, CASE WHEN headline != '' THEN headline WHEN caption != '' THEN caption "
    "ELSE original_filename END FROM photos WHERE id IN ({ids})",
    "author": "SELECT id, name FROM authors WHERE id IN ({ids})",
}
_WORD = re.compile(r"\w+")
# Longer input is a paste, not a search; it is cut rather than refused.
MAX_QUERY_CHARS = 500
MAX_TERMS = 12
SNIPPET_WORDS = 14
TITLE_CHARS = 120


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    snippet: str


def fts_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed; None when it holds no words."""
    cleaned = unicodedata.normalize("NFC", user_text[:MAX_QUERY_CHARS])
    words = _WORD.findall(cleaned)
    if not words:
        return None
    still_typing = len(words) <= MAX_TERMS and bool(_WORD.search(cleaned[-1]))
    terms = [f'"{word}"' for word in words[:MAX_TERMS]]
    if still_typing:
        terms[-1] += "*"
    return " ".join(terms)


def matching_ids(kind: str, match: str) -> Select:
    """The ids of ``kind`` records whose index matches ``match`` (from ``fts_query``)."""
    fts, _weights = _INDEXES[kind]
    return select(literal_column("rowid")).select_from(table(fts)).where(literal_column(fts).op("MATCH")(match))


def _ranked(session: Session, kind: str, match: str, limit: int) -> list[tuple[float, Hit]]:
    fts, weights = _INDEXES[kind]
    bm25 = f"bm25({fts}, {', '.join(str(w) for w in weights)})"
    rows = session.execute(
        text(
            f"SELECT rowid, {bm25} AS score, snippet({fts}, -1, '', '', '…', {SNIPPET_WORDS}) "
            f"FROM {fts} WHERE {fts} MATCH :match ORDER BY score LIMIT :limit"
        ),
        {"match": match, "limit": limit},
    ).all()
    if not rows:
        return []
    ids = ", ".join(str(int(row[0])) for row in rows)
    titles = dict(session.execute(text(_TITLES[kind].format(ids=ids))).all())
    hits = []
    for rowid, score, snippet in rows:
        title = " ".join(str(titles.get(rowid, "")).split())[:TITLE_CHARS]
        hits.append((float(score), Hit(kind, int(rowid), title, " ".join((snippet or "").split()))))
    return hits


def search(session: Session, query: str, kinds: Sequence[str] = KINDS, limit: int = 50) -> list[Hit]:
    """The best ``limit`` hits across ``kinds``, best first."""
    unknown = [kind for kind in kinds if kind not in _INDEXES]
    if unknown:
        raise ValueError(f"unknown search kind {unknown[0]!r}")
    match = fts_query(query)
    if match is None or limit <= 0:
        return []
    try:
        ranked = [hit for kind in kinds for hit in _ranked(session, kind, match, limit)]
    except DBAPIError as exc:
        raise LibraryError(f"search failed: the search index is damaged ({exc.orig})") from None
    ranked.sort(key=lambda pair: pair[0])
    return [hit for _score, hit in ranked[:limit]]
