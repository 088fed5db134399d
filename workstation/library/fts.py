"""The one way typed words become an FTS5 query, for every search box.

What the user types is never handed to MATCH as written: FTS5 has its own
query language, in which a stray ``"``, ``*``, ``(`` or ``NEAR`` is a syntax
error. Only the words are kept, each quoted, all required; the last one
matches as a prefix unless the user has finished it with a space, so results
narrow while typing ("харк" already finds "Харків"). Case and accents are
the tokenizer's business (``unicode61 remove_diacritics 2`` on every index),
so "CAFE" finds "café".

A newsroom on PostgreSQL keeps the same contract with its text search: the
same words become a ``tsquery`` (``ts_query``), folded by the same
``workstation_search_fold`` function its index is built with (migration
0002). ``search_matches`` is the one clause that says "this index matches"
in either dialect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, false, literal, literal_column, select, table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

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


def _all_words(words: Sequence[str], still_typing: bool, quote: str, prefix: str, joiner: str) -> str | None:
    """Every word, quoted, all required, the last marked as a prefix while it is being typed."""
    if not words:
        return None
    terms = [f"{quote}{word}{quote}" for word in words]
    if still_typing:
        terms[-1] += prefix
    return joiner.join(terms)


def fts_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed; None when it holds no words."""
    return _all_words(*query_terms(user_text), '"', "*", " ")


def ts_query(user_text: str) -> str | None:
    """A PostgreSQL ``to_tsquery`` text for what the user typed; None when it holds no words.

    The words are ``\\w+`` runs, so quoting each as a lexeme is safe; the
    last one, still being typed, matches as a prefix (``:*``).
    """
    return _all_words(*query_terms(user_text), "'", ":*", " & ")


def tsquery_sql(value: str) -> str:
    """The SQL of the tsquery for ``value`` (a placeholder holding ``ts_query``'s text), folded as the index is."""
    return f"to_tsquery('simple', workstation_search_fold({value}))"


def words_text(dialect: str, words: Sequence[str], still_typing: bool) -> str | None:
    """``query_terms``' words as ``dialect`` matches them: an FTS5 expression, or a tsquery's text on PostgreSQL."""
    if dialect == "postgresql":
        return _all_words(words, still_typing, "'", ":*", " & ")
    return _all_words(words, still_typing, '"', "*", " ")


class _Matches(ColumnElement[bool]):
    """``kind``'s search index matches what the user typed, in the dialect the statement runs on.

    The bound value depends on the dialect, so statements holding it are not
    cached (a search is compiled afresh each time, as its text changes anyway).
    """

    inherit_cache = False

    def __init__(self, kind: str, user_text: str) -> None:
        self.kind = kind
        self.user_text = user_text


@compiles(_Matches)
def _matches_sqlite(clause: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    match = literal_column(FTS_TABLES[clause.kind]).op("MATCH")(literal(fts_query(clause.user_text), String()))
    return compiler.process(match, **kw)


@compiles(_Matches, "postgresql")
def _matches_postgresql(clause: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(literal(ts_query(clause.user_text), String()), **kw)
    return f"{FTS_TABLES[clause.kind]}.document @@ {tsquery_sql(value)}"


def matching_ids(kind: str, user_text: str) -> Select:  # type: ignore[type-arg]
    """The ids of ``kind`` records whose index matches ``user_text`` (which must hold a word)."""
    fts = FTS_TABLES[kind]
    return select(literal_column("rowid")).select_from(table(fts)).where(_Matches(kind, user_text))


def fts_filter(kind: str, id_column: Any, user_text: str | None) -> ColumnElement[bool] | None:
    """A WHERE clause keeping the ``kind`` records that match what the user typed.

    None for a blank box (nothing to filter); text without a single word in
    it (say "-" or a lone quote) matches nothing, as in the search itself.
    """
    if user_text is None or not user_text.strip():
        return None
    if fts_query(user_text) is None:
        return false()
    # "id + 0", not "id": SQLite may then not turn the clause into a lookup of
    # every matching id (a word in most of a decade's 100,000 articles is
    # 100,000 lookups, then a sort of whole rows); it walks the list's
    # ordering index instead, keeping the rows whose id the match holds, and
    # stops at the page's limit.
    return (id_column + 0).in_(matching_ids(kind, user_text))
