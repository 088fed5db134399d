"""Full-text search: finds what was written, follows every edit, and survives any input."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from workstation.library import search as search_module
from workstation.library.database import Library
from workstation.library.models import Article, Author, Photo
from workstation.library.fts import fts_query
from workstation.library.search import Hit, search, snippet


pytestmark = pytest.mark.both_backends


@pytest.fixture
def newsroom(library: Library) -> Library:
    with library.transaction() as session:
        session.add_all(
            [
                Article(id=1, slug="trams", headline="Kharkiv trams run again", body="The depot reopened on Monday."),
                Article(id=2, slug="bakery", headline="A bakery in Lviv", dek="Bread at dawn",
                        body="Queues form before the ovens are warm."),
                Article(id=3, slug="kharkiv-uk", headline="Трамваї Харкова знову їздять", body="Депо відкрилося."),
                Photo(id=7, sha256="1" * 64, mime="image/jpeg", width=4, height=3, size_bytes=1,
                      caption="Трамвай на вулиці Сумській", creator="Олена Коваль", credit_line="Kharkiv Daily"),
                Author(id=5, slug="olena", name="Olena Koval", bio="Covers transport in Kharkiv."),
            ]
        )
    return library


def _found(library: Library, query: str, **kwargs: object) -> list[tuple[str, int]]:
    with library.session() as session:
        return [(hit.kind, hit.id) for hit in search(session, query, **kwargs)]


def test_every_word_is_quoted_and_the_last_matches_as_a_prefix() -> None:
    assert fts_query("kharkiv tra") == '"kharkiv" "tra"*'


def test_a_finished_last_word_is_not_a_prefix() -> None:
    assert fts_query("kharkiv trams ") == '"kharkiv" "trams"'


def test_input_without_words_is_no_query() -> None:
    assert fts_query(' "*() - ') is None


def test_query_syntax_typed_by_the_user_is_taken_as_words() -> None:
    assert fts_query('trams NEAR(depot) "open') == '"trams" "NEAR" "depot" "open"*'


def test_an_article_is_found_by_a_word_of_its_headline(newsroom: Library) -> None:
    assert ("article", 1) in _found(newsroom, "trams")


def test_an_article_is_found_by_its_dek_and_its_body(newsroom: Library) -> None:
    assert _found(newsroom, "dawn ", kinds=("article",)) == [("article", 2)]
    assert _found(newsroom, "ovens ", kinds=("article",)) == [("article", 2)]


def test_search_as_you_type_finds_a_word_from_its_first_letters(newsroom: Library) -> None:
    assert _found(newsroom, "bak", kinds=("article",)) == [("article", 2)]


def test_cyrillic_words_are_found_in_any_case_and_by_prefix(newsroom: Library) -> None:
    assert ("article", 3) in _found(newsroom, "харкова")
    assert ("photo", 7) in _found(newsroom, "Трамв")


def test_photos_are_found_by_caption_credit_and_creator(newsroom: Library) -> None:
    for query in ("Сумській", "Daily", "Коваль"):
        assert _found(newsroom, query, kinds=("photo",)) == [("photo", 7)]


def test_authors_are_found_by_name_and_bio(newsroom: Library) -> None:
    assert _found(newsroom, "olena", kinds=("author",)) == [("author", 5)]
    assert _found(newsroom, "transport", kinds=("author",)) == [("author", 5)]


def test_all_words_must_match(newsroom: Library) -> None:
    assert _found(newsroom, "bakery trams") == []


def test_a_headline_hit_ranks_above_a_body_hit(newsroom: Library) -> None:
    with newsroom.transaction() as session:
        session.add(Article(id=4, slug="minor", headline="Council notes", body="Also mentioned: trams."))
    found = _found(newsroom, "trams ", kinds=("article",))
    assert found.index(("article", 1)) < found.index(("article", 4))


def test_a_hit_carries_a_title_and_a_plain_snippet(newsroom: Library) -> None:
    with newsroom.session() as session:
        [hit] = search(session, "depot", kinds=("article",))
    assert hit == Hit("article", 1, "Kharkiv trams run again", hit.snippet)
    assert "depot" in hit.snippet and "<" not in hit.snippet


def test_search_follows_an_edited_headline(newsroom: Library) -> None:
    with newsroom.transaction() as session:
        session.get(Article, 1).headline = "Kharkiv buses replace the line"
    assert ("article", 1) not in _found(newsroom, "trams ")
    assert ("article", 1) in _found(newsroom, "buses")


def test_a_deleted_record_is_no_longer_found(newsroom: Library) -> None:
    with newsroom.transaction() as session:
        session.execute(delete(Photo))
    assert _found(newsroom, "Сумській") == []


def test_kinds_limit_what_is_searched(newsroom: Library) -> None:
    assert {kind for kind, _id in _found(newsroom, "kharkiv", kinds=("author",))} == {"author"}


def test_limit_caps_the_number_of_hits(newsroom: Library) -> None:
    assert len(_found(newsroom, "kharkiv", limit=1)) == 1


def test_an_unknown_kind_is_a_programming_error(newsroom: Library) -> None:
    with pytest.raises(ValueError):
        _found(newsroom, "x", kinds=("video",))


HOSTILE = ['"', "*", "NEAR(", ")", "(", "trams OR", "AND", "NOT trams", '"unclosed', "^trams", "headline:trams",
           "-", "'", "\x00", "trams\x00depot", "🚋", "a" * 100_000, "x " * 5000, "{headline body}: trams", "+", ":"]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(newsroom: Library, query: str) -> None:
    assert isinstance(_found(newsroom, query), list)


def test_a_snippet_starts_near_the_first_word_searched_for() -> None:
    text = " ".join(f"w{i}" for i in range(40)) + " the depot reopened " + " ".join(f"v{i}" for i in range(40))
    shown = snippet(text, ["depot"], prefix_last=False, size=8)
    assert shown == "…w39 the depot reopened v0 v1 v2 v3…"


def test_a_snippet_matches_the_last_word_as_a_prefix_while_typing() -> None:
    assert snippet("One two. Trams three four.", ["tra"], prefix_last=True, size=3) == "…Trams three four."


def test_a_snippet_leaves_out_markdown_targets_and_markup() -> None:
    shown = snippet("**Bold** ![A tram](photo:12 \"Caption\") and [a link](https://x.org).", ["tram"], False)
    assert shown == "Bold A tram and a link."


def test_when_a_word_is_everywhere_only_the_most_recent_matches_are_ranked(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANKED_WINDOW", 3)
    with library.transaction() as session:
        session.add(Article(id=1, slug="old", headline="River river river", body="river"))
        session.add_all([Article(id=i, slug=f"new-{i}", headline="Notes", body="the river") for i in range(2, 6)])
    assert sorted(i for _kind, i in _found(library, "river ")) == [3, 4, 5]
