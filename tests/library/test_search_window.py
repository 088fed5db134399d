"""Search at a decade's scale: each index is read once, and of equal scores the newer record comes first."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from workstation.library import search as search_module
from workstation.library.database import Library
from workstation.library.models import Article, Author, Photo
from workstation.library.search import search

pytestmark = pytest.mark.both_backends


def _found(library: Library, query: str, **kwargs: object) -> list[tuple[str, int]]:
    with library.session() as session:
        return [(hit.kind, hit.id) for hit in search(session, query, **kwargs)]


def test_each_kinds_index_is_read_once_to_rank_it(library: Library) -> None:
    with library.transaction() as session:
        session.add_all([Article(id=i, slug=f"s-{i}", headline="Tram notes", body="the tram") for i in range(1, 8)])
        session.add(Photo(id=1, sha256="1" * 64, mime="image/jpeg", width=4, height=3, size_bytes=1, caption="A tram"))
        session.add(Author(id=1, slug="olena", name="Olena", bio="Rides the tram."))
    statements: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(library.engine, "before_cursor_execute", seen)
    try:
        assert len(_found(library, "tram")) == 9
    finally:
        event.remove(library.engine, "before_cursor_execute", seen)
    for fts in ("articles_fts", "photos_fts", "authors_fts"):
        assert len([s for s in statements if f"FROM {fts}" in s]) == 1, fts


def test_of_equal_scores_the_newer_record_comes_first(library: Library) -> None:
    with library.transaction() as session:
        session.add_all([Article(id=i, slug=f"same-{i}", headline="Ferry timetable", body="Same words.")
                         for i in range(1, 6)])
    assert _found(library, "ferry ", kinds=("article",)) == [("article", i) for i in (5, 4, 3, 2, 1)]


def test_the_window_keeps_the_newest_matches_and_ranks_them(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "RANKED_WINDOW", 3)
    with library.transaction() as session:
        session.add(Article(id=1, slug="old", headline="Harbour harbour harbour", body="harbour"))
        session.add_all([Article(id=i, slug=f"new-{i}", headline="Notes", body="the harbour") for i in (2, 3, 4)])
        session.add(Article(id=5, slug="newest", headline="Harbour reopens", body="The harbour reopened."))
    assert _found(library, "harbour ", kinds=("article",)) == [("article", 5), ("article", 4), ("article", 3)]
