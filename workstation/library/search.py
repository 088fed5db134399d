"""Full-text search over articles, photos and authors (SQLite FTS5; PostgreSQL's text search in a newsroom).

The query itself is built by ``fts.words_text``, the one builder every
search box shares; this module ranks the hits and cuts their snippets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workstation.errors import LibraryError
from workstation.library.fts import FTS_TABLES, query_terms, tsquery_sql, words_text

KINDS = ("article", "photo", "author")
# kind -> bm25 column weights: a hit in a headline or a name counts most
_WEIGHTS = {
    "article": (10.0, 4.0, 1.0),
    "photo": (4.0, 2.0, 2.0),
    "author": (10.0, 1.0),
}
# kind -> id, title, and the indexed text a snippet is cut from
_SHOWN = {
    "article": "SELECT id, CASE WHEN headline != '' THEN headline ELSE slug END, dek || ' ' || body "
    "FROM articles WHERE id IN ({ids})",
    "photo": "SELECT id, CASE WHEN headline != '' THEN headline WHEN caption != '' THEN caption "
    "ELSE original_filename END, caption || ' ' || credit_line || ' ' || creator FROM photos WHERE id IN ({ids})",
    "author": "SELECT id, name, bio FROM authors WHERE id IN ({ids})",
}
# kind -> the list of its index's terms (migration 0017; SQLite only)
TERM_LISTS = {"article": "articles_terms", "photo": "photos_terms", "author": "authors_terms"}
# The longest prefix the indexes keep a list for (migration 0017's ``prefix='2 3 4'``).
INDEXED_PREFIX_CHARS = 4
# Words that FTS5's tokenizer folds exactly as ``str.lower`` does (it takes
# accents off Latin letters, which ``lower`` keeps): ASCII letters and digits,
# and Cyrillic, whose letters it leaves as they are.
FOLDED_BY_LOWER = re.compile(r"[0-9a-z\u0430-\u045f\u0491]+")
SNIPPET_WORDS = 14
# How much of a text after a word searched for is made plain first to cut its snippet from (more if that is not enough).
SNIPPET_CHARS = 300
RANKED_WINDOW = 1000
# Markdown that would read as noise in a one-line snippet: link and image targets, emphasis, headings.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_#>`|\[\]!]+")
TITLE_CHARS = 120


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    snippet: str


def _plain(markdown: str) -> str:
    """One line of the words of ``markdown``: link targets and markup left out, spaces collapsed."""
    return " ".join(_MARKUP.sub(" ", _LINK_TARGET.sub("", markdown)).split())


def _head(text_: str, chars: int) -> str:
    """``text_`` up to its first space from ``chars`` on outside any link target, or all of it.

    Made plain, such a head is the start of the whole text made plain: a
    link target, taken out whole, never straddles the cut, and no markup or
    word runs across a space.
    """
    cut = chars
    while (space := text_.find(" ", cut)) != -1:
        opened = text_.rfind("](", 0, space)
        if opened == -1 or text_.find(")", opened, space) != -1:
            return text_[:space]
        cut = text_.find(")", space)
        if cut == -1:
            break
    return text_


def snippet(text_: str, words: Sequence[str], prefix_last: bool, size: int = SNIPPET_WORDS) -> str:
    """About ``size`` words of plain text around the first word searched for.

    Made in Python rather than by FTS5's ``snippet()``, which re-tokenises
    every candidate document and dominated search time at scale. Only as
    much of the text is made plain as the snippet shows: a longer and longer
    head of it, until that holds the first word searched for and the words
    shown after it (making whole articles plain was a fifth of a search's
    time in a decade's archive).
    """
    alternatives = [
        re.escape(word) + (r"\w*" if prefix_last and i == len(words) - 1 else r"\b") for i, word in enumerate(words)
    ]
    searched = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE) if words else None
    # Where a word searched for first shows in the text as written: the first match in the plain text is rarely far after.
    lowered = text_.lower()
    seen_at = [at for word in words if (at := lowered.find(word.lower())) != -1]
    chars = (min(seen_at) if seen_at else len(text_)) + SNIPPET_CHARS
    while True:
        head = _head(text_, chars)
        whole = len(head) == len(text_)
        plain = _plain(head)
        found = searched.search(plain) if searched else None
        if found or whole or searched is None:
            tokens = plain.split(" ")
            first = plain[: found.start()].count(" ") if found else 0
            start = max(0, first - size // 4)
            if whole or start + size < len(tokens):
                shown = " ".join(tokens[start : start + size])
                return ("…" if start > 0 else "") + shown + ("…" if start + size < len(tokens) else "")
        chars *= 4


def _match_and_score(dialect: str, fts: str, kind: str) -> tuple[str, str]:
    """The SQL that a record of ``fts`` matches ``:match``, and its score (lower is better, as bm25's)."""
    if dialect == "postgresql":
        query = tsquery_sql(":match")
        # The columns' weights are in the index (migration 0002's setweight).
        return f"document @@ {query}", f"-ts_rank(document, {query})"
    return f"{fts} MATCH :match", f"bm25({fts}, {', '.join(str(w) for w in _WEIGHTS[kind])})"


def _still_a_prefix(reader: Session | Connection, kind: str, word: str) -> bool:
    """Whether a longer term than ``word`` in ``kind``'s index starts with it, so matching it as a prefix finds more.

    When none does, the word matches as a prefix exactly the records it
    matches whole, with the same bm25 score; but FTS5, without a prefix
    index of the word's length, would merge its record list first, once to
    match and once more to weigh it, most of a search's time in a decade's
    archive. A word this cannot fold as the index does stays a prefix.
    """
    folded = word.lower()
    if len(folded) <= INDEXED_PREFIX_CHARS or not FOLDED_BY_LOWER.fullmatch(folded):
        return True
    # Terms compare as UTF-8 bytes, and none holds a control character or U+10FFFF: every longer
    # term sorts after the word followed by U+0001, and before it followed by U+10FFFF.
    longer = reader.execute(
        text(f"SELECT 1 FROM {TERM_LISTS[kind]} WHERE term >= :after AND term < :end LIMIT 1"),
        {"after": folded + "\x01", "end": folded + "\U0010ffff"},
    ).first()
    return longer is not None


def _ranked(
    reader: Session | Connection, dialect: str, kind: str, words: list[str], prefix_last: bool, limit: int
) -> list[tuple[float, str, int]]:
    fts = FTS_TABLES[kind]
    matches, score = _match_and_score(dialect, fts, kind)
    if prefix_last and dialect == "sqlite":
        prefix_last = _still_a_prefix(reader, kind, words[-1])
    match = words_text(dialect, words, prefix_last)
    # A word in every story ("the", the town's name) would make ranking score
    # every record; only the most recently added RANKED_WINDOW matches are
    # ranked, which in a newsroom is also what the searcher wants first.
    # One pass: the index walks its matches newest first and scores only
    # those in the window (a second query to find the window's oldest match
    # walked them all once more); the database keeps the best ``limit`` of
    # them (of equal scores, the newest), so only those come back to Python.
    best = reader.execute(
        text(
            f"SELECT rowid, score FROM (SELECT rowid, {score} AS score FROM {fts} WHERE {matches} "
            "ORDER BY rowid DESC LIMIT :window) AS recent ORDER BY score, rowid DESC LIMIT :limit"
        ),
        {"match": match, "window": RANKED_WINDOW, "limit": limit},
    ).all()
    return [(float(score), kind, int(rowid)) for rowid, score in best]


def _ranked_apart(
    engine: Engine, kind: str, words: list[str], prefix_last: bool, limit: int
) -> list[tuple[float, str, int]]:
    """``_ranked`` on a connection of its own, for a worker thread."""
    with engine.connect() as connection:
        return _ranked(connection, engine.dialect.name, kind, words, prefix_last, limit)


@cache
def _workers() -> ThreadPoolExecutor:
    """Threads that rank the other kinds' indexes while the caller ranks the first (SQLite and the server work without the GIL)."""
    return ThreadPoolExecutor(max_workers=len(KINDS) - 1, thread_name_prefix="search")


def _all_ranked(
    session: Session, kinds: Sequence[str], words: list[str], prefix_last: bool, limit: int
) -> list[tuple[float, str, int]]:
    """Every kind's best ``limit`` hits; with more than one kind, the indexes are read at the same time."""
    bind = session.get_bind()
    dialect = bind.dialect.name
    if len(kinds) == 1 or not isinstance(bind, Engine):
        return [hit for kind in kinds for hit in _ranked(session, dialect, kind, words, prefix_last, limit)]
    apart = [_workers().submit(_ranked_apart, bind, kind, words, prefix_last, limit) for kind in kinds[1:]]
    first = _ranked(session, dialect, kinds[0], words, prefix_last, limit)
    return first + [hit for future in apart for hit in future.result()]


def _hits(session: Session, kind: str, words: list[str], prefix_last: bool, ids: list[int]) -> dict[int, Hit]:
    """Titles and snippets, made only for the hits that are shown."""
    listed = ", ".join(str(i) for i in ids)
    rows = session.execute(text(_SHOWN[kind].format(ids=listed))).all()
    return {
        rowid: Hit(kind, rowid, " ".join(str(title).split())[:TITLE_CHARS], snippet(body or "", words, prefix_last))
        for rowid, title, body in rows
    }


def search(session: Session, query: str, kinds: Sequence[str] = KINDS, limit: int = 50) -> list[Hit]:
    """The best ``limit`` hits across ``kinds``, best first."""
    unknown = [kind for kind in kinds if kind not in FTS_TABLES]
    if unknown:
        raise ValueError(f"unknown search kind {unknown[0]!r}")
    words, prefix_last = query_terms(query)
    if not words or limit <= 0:
        return []
    try:
        # Best first; of equal scores, the newer record first (as the window keeps the newest).
        ranked = sorted(
            _all_ranked(session, kinds, words, prefix_last, limit), key=lambda hit: (hit[0], hit[1], -hit[2])
        )[:limit]
        shown = {
            kind: _hits(session, kind, words, prefix_last, [i for _s, k, i in ranked if k == kind])
            for kind in kinds
            if any(k == kind for _s, k, _i in ranked)
        }
    except DBAPIError as exc:
        raise LibraryError(f"search failed: the search index is damaged ({exc.orig})") from None
    return [shown[kind][i] for _score, kind, i in ranked]
