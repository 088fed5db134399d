"""One FTS query builder: every search box turns the same words into the same query."""

from __future__ import annotations

import hashlib
import re

import pytest

from workstation.library.articles import list_articles
from workstation.library.authors import list_authors
from workstation.library.database import Library
from workstation.library.fts import fts_query
from workstation.library.models import Article, Author, Photo
from workstation.library.photo_queries import PhotoFilter, photo_ids
from workstation.library.search import search

pytestmark = pytest.mark.both_backends

HOSTILE = ['"', '""', "NEAR(a b)", "caption:tram", "*", "a OR b", ")(", "-x", "tram*", "^tram", "'; DROP TABLE x; --",
           "a AND NOT b", "{caption}: tram", "\x00tram", "tram\u200b", "+", "NEAR/3"]
# Only quoted words, the last one possibly a prefix: FTS5 sees no operator, column filter or bracket.
_SAFE = re.compile(r'"\w+"(?: "\w+")*\*?')


def fill(library: Library) -> None:
    with library.transaction() as session:
        session.add_all([
            Article(slug="cafe", headline="The Café on Khreshchatyk", body="Coffee again."),
            Article(slug="kharkiv", headline="Трамваї у Харкові", body="Рух відновили."),
            Author(slug="olena", name="Olena Café", bio="Харків"),
            Photo(sha256=hashlib.sha256(b"1").hexdigest(), mime="image/jpeg", width=4, height=3, size_bytes=1,
                  caption="Café terrace in Харків"),
        ])


def everywhere(library: Library, query: str) -> dict[str, int]:
    """How many records each search box finds for ``query``."""
    with library.session() as session:
        return {
            "search": len(search(session, query)),
            "articles": len(list_articles(session, query=query)),
            "authors": len(list_authors(session, query)),
            "photos": len(photo_ids(session, PhotoFilter(query=query))),
        }


def test_case_and_accents_are_ignored_in_every_box(library: Library) -> None:
    fill(library)
    assert everywhere(library, "CAFE") == {"search": 3, "articles": 1, "authors": 1, "photos": 1}


def test_the_last_word_is_a_prefix_while_it_is_typed(library: Library) -> None:
    fill(library)
    assert everywhere(library, "caf") == {"search": 3, "articles": 1, "authors": 1, "photos": 1}
    assert everywhere(library, "caf ") == {"search": 0, "articles": 0, "authors": 0, "photos": 0}
    assert fts_query("caf terr") == '"caf" "terr"*'


def test_cyrillic_words_match_by_prefix(library: Library) -> None:
    fill(library)
    assert everywhere(library, "харк") == {"search": 3, "articles": 1, "authors": 1, "photos": 1}


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_text_never_reaches_match_raw(library: Library, typed: str) -> None:
    query = fts_query(typed)
    assert query is None or _SAFE.fullmatch(query), query
    fill(library)
    counts = everywhere(library, typed)
    assert set(counts) == {"search", "articles", "authors", "photos"}


def test_text_without_words_finds_nothing_in_any_box(library: Library) -> None:
    fill(library)
    assert everywhere(library, '" * -') == {"search": 0, "articles": 0, "authors": 0, "photos": 0}


def test_a_blank_box_filters_nothing(library: Library) -> None:
    fill(library)
    assert everywhere(library, "  ") == {"search": 0, "articles": 2, "authors": 1, "photos": 1}
