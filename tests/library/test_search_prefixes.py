"""Search at a decade's scale: a word no longer term starts with is read whole, a snippet is cut from a text's head."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

from tests.library.conftest import make_library_at_revision
from workstation.library import search as search_module
from workstation.library.database import Library, open_library
from workstation.library.models import Article, Author, Photo
from workstation.library.search import FOLDED_BY_LOWER, search, snippet


def _found(library: Library, query: str, **kwargs: object) -> list[tuple[str, int]]:
    with library.session() as session:
        return sorted((hit.kind, hit.id) for hit in search(session, query, **kwargs))


def _matches_sent(library: Library, query: str) -> list[str]:
    """The MATCH expressions ``search`` hands to SQLite to search the articles."""
    sent: list[str] = []

    def seen(_conn, _cursor, statement: str, parameters, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if " MATCH " in statement:
            sent.extend(value for value in parameters if isinstance(value, str))

    event.listen(library.engine, "before_cursor_execute", seen)
    try:
        _found(library, query, kinds=("article",))
    finally:
        event.remove(library.engine, "before_cursor_execute", seen)
    return sent


@pytest.mark.both_backends
def test_a_word_being_typed_still_finds_the_longer_words_it_begins(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(id=1, slug="council", headline="Council meets", body="The council met."))
        session.add(Article(id=2, slug="councillors", headline="Notes", body="Councillors disagreed."))
    assert _found(library, "council") == [("article", 1), ("article", 2)]
    assert _found(library, "council ") == [("article", 1)]


@pytest.mark.both_backends
def test_each_kind_looks_for_longer_words_in_its_own_index(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(id=1, slug="harbour", headline="Harbour reopens", body="The harbour reopened."))
        session.add(Photo(id=3, sha256="3" * 64, mime="image/jpeg", width=4, height=3, size_bytes=1,
                          caption="Harbours at dawn"))
        session.add(Author(id=5, slug="olena", name="Olena Koval", bio="Writes about harbourside life."))
    assert _found(library, "harbour") == [("article", 1), ("author", 5), ("photo", 3)]


@pytest.mark.both_backends
def test_a_longer_word_written_after_a_search_is_found_by_the_next(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(id=1, slug="ferry", headline="Ferry timetable", body="The ferry."))
    assert _found(library, "ferry") == [("article", 1)]
    with library.transaction() as session:
        session.add(Article(id=2, slug="ferryman", headline="The ferryman retires", body="After forty years."))
    assert _found(library, "ferry") == [("article", 1), ("article", 2)]


@pytest.mark.both_backends
def test_accented_and_capitalised_words_still_match_by_prefix(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(id=1, slug="cafes", headline="Cafés of Lviv", body="Three cafés."))
        session.add(Article(id=2, slug="misto", headline="МІСТОБУДУВАННЯ", body="План."))
    assert _found(library, "CAFÉ") == [("article", 1)]
    assert _found(library, "Містобуд") == [("article", 2)]


def test_a_word_no_longer_term_starts_with_is_matched_whole(library: Library) -> None:
    with library.transaction() as session:
        session.add(Article(id=1, slug="harbour", headline="Harbour reopens", body="The harbour reopened."))
        session.add(Article(id=2, slug="council", headline="Council", body="Councillors disagreed."))
    # Matched whole, the word's record list is read as it is stored, not merged with longer words' lists first.
    assert _matches_sent(library, "reopened harbour") == ['"reopened" "harbour"']
    assert _matches_sent(library, "council") == ['"council"*']
    # Up to 4 letters, the index keeps every prefix's list.
    assert _matches_sent(library, "harb") == ['"harb"*']


def test_the_index_folds_the_letters_searched_by_their_lower_case(library: Library) -> None:
    """``search`` folds these letters itself to look the word up in the index's terms: it must fold them as FTS5 does."""
    letters = [chr(c) for c in range(0x20, 0x500) if FOLDED_BY_LOWER.fullmatch(chr(c).lower())]
    assert len(letters) > 150
    with library.transaction() as session:
        session.add(Author(id=1, slug="letters", name="Letters", bio=" ".join(f"q{letter}q" for letter in letters)))
    with library.session() as session:
        terms = {row[0] for row in session.execute(text("SELECT term FROM authors_terms WHERE term LIKE 'q%q'"))}
    assert terms == {f"q{letter.lower()}q" for letter in letters}


def test_an_upgraded_library_finds_its_records_by_four_letter_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "old.wslib"
    make_library_at_revision(path, "0015")
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():  # revision 0017 changes no table the models map
        session.add(Article(id=1, slug="tram", headline="Trams return", body="The depot reopened."))
    engine.dispose()
    with open_library(path) as library:
        assert _found(library, "tram") == [("article", 1)]
        assert _found(library, "depo") == [("article", 1)]
        assert _found(library, "reopened") == [("article", 1)]
    definition = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    assert "prefix='2 3 4'" in definition[0]


def test_a_snippet_far_into_a_long_text_skips_a_link_target_that_spans_the_cut() -> None:
    text = " ".join(f"w{i}" for i in range(400)) + " [a map](https://x.org/tram depot " + "y " * 300 + ") the tram stop"
    assert snippet(text, ["tram"], prefix_last=False, size=8) == "…map the tram stop"


PIECES = ("tram", "Trams", "ТРАМ", "трамвай", "depot", "](x y)", "](a", ")", "[", "]", "**", "_", " ", "\n", "foo_tram")


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=300),
    words=st.sampled_from((["tram"], ["depot", "tram"], ["трам"], [], ["zz"])),
    prefix_last=st.booleans(),
    size=st.integers(min_value=1, max_value=20),
)
def test_a_snippet_is_the_one_cut_from_the_whole_text_made_plain(
    pieces: list[str], words: list[str], prefix_last: bool, size: int
) -> None:
    text = " ".join(pieces)
    shown = snippet(text, words, prefix_last, size)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "SNIPPET_CHARS", 10**9)
        assert shown == snippet(text, words, prefix_last, size)
