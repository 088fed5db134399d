"""The one way typed words become an FTS5 query, for every search box.

What the user types is never handed to MATCH as written: FTS5 has its own
query language, in which a stray ``"``, ``*``, ``(`` or ``NEAR`` is a syntax
error. Only the words are kept, each quoted, all required; the last one
matches as a prefix unless the user has finished it with a space, so results
narrow while typing ("харк" already finds "Харків"). Case and accents are
the tokenizer's business (``unicode61 remove_diacritics 2`` on every index),
so "CAFE" finds "café".
"""

from __future__ import annotations

import re
import unicodedata

from typing import Any

from sqlalchemy import ColumnElement, Select, false, literal_column, select, table

# Longer input is a paste, not a search; it is cut rather than refused.
MAX_QUERY_CHARS = 500
MAX_TERMS = 12
_WORD = re.compile(r"\w+")
# kind -> its FTS5 table
FTS_TABLES = {"article": "articles_fts", "photo": "photos_fts", "author": "authors_fts"}


def query_terms(user_text: str) -> tuple[list[str], bool]:
    """The words typed, and whether the last one is still being typed (a prefix)."""
    cleaned = unicodedata.normalize("NFC", user_text[:MAX_QUERY_CHARS])
    words = _WORD.findall(cleaned)
    return words[:MAX_TERMS], bool(words) and len(words) <= MAX_TERMS and bool(_WORD.search(cleaned[-1]))


def fts_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed; None when it holds no words."""
    words, still_typing = query_terms(user_text)
    if not words:
        return None
    terms = [f'"{word}"' for word in words]
    if still_typing:
        terms[-1] += "*"
    return " ".join(terms)


def matching_ids(kind: str, match: str) -> Select:  # type: ignore[type-arg]
    """The ids of ``kind`` records whose index matches ``match`` (from ``fts_query``)."""
    fts = FTS_TABLES[kind]
    return select(literal_column("rowid")).select_from(table(fts)).where(literal_column(fts).op("MATCH")(match))


def fts_filter(kind: str, id_column: Any, user_text: str | None) -> ColumnElement[bool] | None:
    """A WHERE clause keeping the ``kind`` records that match what the user typed.

    None for a blank box (nothing to filter); text without a single word in
    it (say "-" or a lone quote) matches nothing, as in the search itself.
    """
    if user_text is None or not user_text.strip():
        return None
    match = fts_query(user_text)
    return false() if match is None else id_column.in_(matching_ids(kind, match))
