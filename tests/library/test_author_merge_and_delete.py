"""Merging duplicate profiles and deleting authors: no byline is lost, duplicated or left dangling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from workstation.errors import ValidationError
from workstation.library.authors import (
    author_articles,
    create_author,
    delete_author,
    find_author,
    list_authors,
    merge_authors,
)
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author

pytestmark = pytest.mark.both_backends


@pytest.fixture
def authors(library: Library) -> dict[str, int]:
    with library.transaction() as session:
        made = {
            name: create_author(session, name).id
            for name in ("Anna Moroz", "Ivan Petrenko", "Olena Kovalenko", "Taras Bondar")
        }
    return made


def dangling_bylines(library: Library) -> list[tuple[int, int]]:
    with library.session() as session:
        known = set(session.scalars(select(Author.id)))
        return [(b.article_id, b.author_id) for b in session.scalars(select(ArticleAuthor)) if b.author_id not in known]


def test_merge_moves_bylines_to_the_author_kept(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int], byline_slugs: Callable[[int], list[str]]
) -> None:
    story = add_bylined_article([authors["Ivan Petrenko"], authors["Olena Kovalenko"]])
    with library.transaction() as session:
        merge_authors(session, find_author(session, "anna-moroz"), find_author(session, "ivan-petrenko"))
    assert byline_slugs(story) == ["anna-moroz", "olena-kovalenko"]
    with library.session() as session:
        assert find_author(session, "ivan-petrenko") is None


def test_merge_does_not_duplicate_an_author_already_on_the_article(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int], byline_slugs: Callable[[int], list[str]]
) -> None:
    story = add_bylined_article([authors["Ivan Petrenko"], authors["Olena Kovalenko"], authors["Anna Moroz"]])
    with library.transaction() as session:
        merge_authors(session, find_author(session, "anna-moroz"), find_author(session, "ivan-petrenko"))
    assert byline_slugs(story) == ["anna-moroz", "olena-kovalenko"]


def test_merge_keeps_byline_order_on_every_article(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int], byline_slugs: Callable[[int], list[str]]
) -> None:
    first = add_bylined_article([authors["Taras Bondar"], authors["Olena Kovalenko"], authors["Ivan Petrenko"]])
    second = add_bylined_article([authors["Anna Moroz"], authors["Taras Bondar"], authors["Ivan Petrenko"]])
    with library.transaction() as session:
        merge_authors(session, find_author(session, "anna-moroz"), find_author(session, "ivan-petrenko"))
    assert byline_slugs(first) == ["taras-bondar", "olena-kovalenko", "anna-moroz"]
    assert byline_slugs(second) == ["anna-moroz", "taras-bondar"]
    assert dangling_bylines(library) == []


def test_merge_fills_only_the_empty_fields_of_the_author_kept(library: Library) -> None:
    with library.transaction() as session:
        keep = create_author(session, "Anna Moroz", role="Reporter")
        remove = create_author(session, "A. Moroz", role="Intern", bio="Covers courts.", email="anna@example.com")
        merge_authors(session, keep, remove)
    with library.session() as session:
        kept = find_author(session, "anna-moroz")
        assert (kept.role, kept.bio, kept.email) == ("Reporter", "Covers courts.", "anna@example.com")


def test_merging_an_author_into_itself_is_refused(library: Library, authors: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="into itself"):
        with library.transaction() as session:
            anna = find_author(session, "anna-moroz")
            merge_authors(session, anna, anna)
    with library.session() as session:
        assert find_author(session, "anna-moroz") is not None


def test_deleting_an_author_with_articles_needs_somewhere_to_move_them(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int], byline_slugs: Callable[[int], list[str]]
) -> None:
    story = add_bylined_article([authors["Ivan Petrenko"]])
    add_bylined_article([authors["Ivan Petrenko"]])
    with pytest.raises(ValidationError, match="Ivan Petrenko is on 2 articles; choose an author"):
        with library.transaction() as session:
            delete_author(session, find_author(session, "ivan-petrenko"), None)
    assert byline_slugs(story) == ["ivan-petrenko"]


def test_delete_with_move_reassigns_every_byline_in_place(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int], byline_slugs: Callable[[int], list[str]]
) -> None:
    solo = add_bylined_article([authors["Ivan Petrenko"]])
    shared = add_bylined_article([authors["Olena Kovalenko"], authors["Ivan Petrenko"], authors["Taras Bondar"]])
    both = add_bylined_article([authors["Ivan Petrenko"], authors["Anna Moroz"]])
    with library.transaction() as session:
        delete_author(session, find_author(session, "ivan-petrenko"), find_author(session, "anna-moroz"))
    assert byline_slugs(solo) == ["anna-moroz"]
    assert byline_slugs(shared) == ["olena-kovalenko", "anna-moroz", "taras-bondar"]
    assert byline_slugs(both) == ["anna-moroz"]
    assert dangling_bylines(library) == []
    with library.session() as session:
        assert find_author(session, "ivan-petrenko") is None


def test_author_without_articles_is_deleted_without_a_move(library: Library, authors: dict[str, int]) -> None:
    with library.transaction() as session:
        delete_author(session, find_author(session, "taras-bondar"), None)
    with library.session() as session:
        assert find_author(session, "taras-bondar") is None


def test_moving_an_authors_articles_to_themselves_is_refused(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int]
) -> None:
    add_bylined_article([authors["Anna Moroz"]])
    with pytest.raises(ValidationError, match="cannot move"):
        with library.transaction() as session:
            anna = find_author(session, "anna-moroz")
            delete_author(session, anna, anna)


def test_list_authors_counts_articles_and_sorts_by_name(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int]
) -> None:
    add_bylined_article([authors["Ivan Petrenko"], authors["Anna Moroz"]])
    add_bylined_article([authors["Ivan Petrenko"]], status="draft")
    with library.session() as session:
        listed = [(author.name, count) for author, count in list_authors(session)]
    assert listed == [("Anna Moroz", 1), ("Ivan Petrenko", 2), ("Olena Kovalenko", 0), ("Taras Bondar", 0)]


def test_list_authors_searches_names_and_bios(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Anna Moroz", bio="Covers energy and the grid.")
        create_author(session, "Олена Коваленко", bio="Пише про суди.")
        create_author(session, "Ivan Petrenko")
    with library.session() as session:
        assert [a.name for a, _ in list_authors(session, "energ")] == ["Anna Moroz"]
        assert [a.name for a, _ in list_authors(session, "олена")] == ["Олена Коваленко"]
        assert [a.name for a, _ in list_authors(session, "суди")] == ["Олена Коваленко"]
        assert list_authors(session, "nobody") == []
        assert list_authors(session, '" * -') == []


def test_author_articles_are_newest_first_and_can_be_limited_to_published(
    library: Library, authors: dict[str, int], add_bylined_article: Callable[..., int]
) -> None:
    old = add_bylined_article([authors["Anna Moroz"]], headline="Old")
    new = add_bylined_article([authors["Anna Moroz"]], headline="New")
    add_bylined_article([authors["Anna Moroz"]], status="draft", headline="Draft")
    with library.transaction() as session:
        session.get(Article, old).published_at = datetime(2026, 1, 1, tzinfo=timezone.utc)
        session.get(Article, new).published_at = datetime(2026, 6, 1, tzinfo=timezone.utc)
    with library.session() as session:
        anna = find_author(session, "anna-moroz")
        assert [a.headline for a in author_articles(session, anna, published_only=True)] == ["New", "Old"]
        assert len(author_articles(session, anna)) == 3
