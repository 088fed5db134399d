"""Lists at archive scale, checked on a small library: the filtered article list, its count, a page of photo ids.

The queries are shaped for a decade's archive (the article list walks its
ordering index and keeps the rows the words match; the words-only count
comes from the search index); these tests pin down that the rows and
counts are still exactly the right ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from workstation.library.articles import count_articles, list_articles, new_article
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFilter, PhotoSort, photo_ids

pytestmark = pytest.mark.both_backends

START = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def archive(library: Library) -> dict[str, list[int]]:
    """24 articles changed an hour apart; every third mentions the harbour, every fourth is ready."""
    harbour, ready = [], []
    with library.transaction() as session:
        for n in range(24):
            article = new_article(session, f"Story {n}")
            article.body = "The council met. " + ("Harbour cranes stood idle." if n % 3 == 0 else "Trams ran late.")
            article.status = "ready" if n % 4 == 0 else "draft"
            session.flush()
            article.updated_at = START + timedelta(hours=n)
            (harbour if n % 3 == 0 else []).append(article.id)
            (ready if n % 4 == 0 else []).append(article.id)
    return {"harbour": harbour, "ready": ready}


def listed(library: Library, **filters: object) -> list[int]:
    with library.session() as session:
        return [article.id for article in list_articles(session, limit=100, **filters)]


def counted(library: Library, **filters: object) -> int:
    with library.session() as session:
        return count_articles(session, **filters)


def test_a_word_in_some_articles_lists_exactly_those_newest_first(library: Library, archive) -> None:
    assert listed(library, query="harbour") == list(reversed(archive["harbour"]))


def test_a_page_of_a_filtered_list_is_the_newest_matches(library: Library, archive) -> None:
    with library.session() as session:
        page = [article.id for article in list_articles(session, query="harb", limit=3)]
    assert page == list(reversed(archive["harbour"]))[:3]


def test_a_word_in_every_article_lists_them_all_in_order(library: Library, archive) -> None:
    every = listed(library)
    assert listed(library, query="council") == every
    assert len(every) == 24


def test_the_count_of_a_words_filter_is_the_number_of_matches(library: Library, archive) -> None:
    assert counted(library, query="harbour") == len(archive["harbour"])
    assert counted(library, query="council") == 24
    assert counted(library, query="nowhere") == 0
    assert counted(library, query="-") == 0


def test_words_and_status_together_keep_only_articles_with_both(library: Library, archive) -> None:
    both = [i for i in archive["harbour"] if i in archive["ready"]]
    assert listed(library, query="harbour", status="ready") == list(reversed(both))
    assert counted(library, query="harbour", status="ready") == len(both)


def test_a_limited_page_of_photo_ids_is_the_start_of_the_full_list(
    library: Library, add_photo: Callable[..., int]
) -> None:
    for n in range(7):
        add_photo(caption="Harbour at dawn" if n % 2 else "Market", imported_at=START + timedelta(days=n))
    with library.session() as session:
        for flt in (PhotoFilter(), PhotoFilter(sort=PhotoSort.IMPORTED), PhotoFilter(query="harbour")):
            everything = photo_ids(session, flt)
            assert photo_ids(session, flt, limit=2) == everything[:2]
