"""Articles: finding, listing with filters and search, new drafts, bylines, sections and tags."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from workstation.errors import ValidationError
from workstation.library.articles import (
    count_articles,
    find_article,
    find_or_create_section,
    find_or_create_tag,
    list_articles,
    new_article,
    set_bylines,
    set_slug,
    set_tags,
)
from workstation.library.database import Library
from workstation.library.models import Article, Author, Section

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


pytestmark = pytest.mark.both_backends


@pytest.fixture
def session(library: Library):
    with library.session() as session:
        yield session


@pytest.fixture
def desk(session):
    news = Section(slug="news", name="News")
    session.add_all([
        Article(slug=f"story-{i}", headline=f"Story {i}", status="published" if i % 2 else "draft",
                section=news if i < 5 else None, updated_at=START + timedelta(hours=i),
                body="The river rose overnight." if i == 3 else "Quiet day.")
        for i in range(10)
    ])
    session.flush()
    return session


def test_find_article_by_slug(desk) -> None:
    assert find_article(desk, "story-3").headline == "Story 3"
    assert find_article(desk, "nope") is None


def test_the_list_shows_the_most_recently_changed_first(desk) -> None:
    assert [a.slug for a in list_articles(desk, limit=3)] == ["story-9", "story-8", "story-7"]


def test_the_list_pages_with_limit_and_offset(desk) -> None:
    assert [a.slug for a in list_articles(desk, limit=2, offset=2)] == ["story-7", "story-6"]


def test_the_list_filters_by_status_and_section(desk) -> None:
    news = desk.scalars(select(Section)).one()
    assert [a.slug for a in list_articles(desk, status="published", section_id=news.id)] == ["story-3", "story-1"]
    assert count_articles(desk, status="draft") == 5


def test_the_list_filters_by_words_in_the_text(desk) -> None:
    assert [a.slug for a in list_articles(desk, query="river ro")] == ["story-3"]


def test_a_filter_without_words_finds_nothing_rather_than_everything(desk) -> None:
    assert list_articles(desk, query='"*') == []


def test_an_unknown_status_filter_is_refused(desk) -> None:
    with pytest.raises(ValidationError):
        list_articles(desk, status="archived")


def test_a_new_article_gets_a_slug_from_its_headline(session) -> None:
    assert new_article(session, "Kharkiv trams return").slug == "kharkiv-trams-return"


def test_a_new_article_never_takes_a_slug_in_use(session) -> None:
    first, second = new_article(session, "Same"), new_article(session, "Same")
    assert first.slug != second.slug and second.slug.startswith("same")


def test_a_new_article_without_a_headline_is_an_untitled_draft(session) -> None:
    article = new_article(session)
    assert article.slug == "untitled" and article.status == "draft"


def test_setting_a_slug_another_article_has_is_refused(desk) -> None:
    with pytest.raises(ValidationError, match="story-2"):
        set_slug(desk, find_article(desk, "story-1"), "story-2")


def test_a_slug_is_made_safe_when_set(desk) -> None:
    assert set_slug(desk, find_article(desk, "story-1"), "../Київ") == "kyiv"


def test_bylines_follow_the_given_order_and_drop_repeats(session) -> None:
    article = new_article(session, "A")
    a, b = Author(slug="a", name="A"), Author(slug="b", name="B")
    set_bylines(session, article, [b, a, b])
    assert [x.slug for x in article.authors] == ["b", "a"]
    set_bylines(session, article, [a])
    assert [x.slug for x in article.authors] == ["a"]
    assert [byline.position for byline in article.bylines] == [0]


def test_a_section_is_found_by_slug_name_or_name_in_any_case(session) -> None:
    section = find_or_create_section(session, "Культура")
    assert find_or_create_section(session, section.slug) is section
    assert find_or_create_section(session, "культура") is section
    assert section.slug == "kultura"


def test_a_tag_is_one_tag_whatever_its_case(session) -> None:
    assert find_or_create_tag(session, "Rail") is find_or_create_tag(session, "rail")


def test_set_tags_replaces_the_tags(session) -> None:
    article = new_article(session, "A")
    set_tags(session, article, ["Rail", "Night train", "rail"])
    assert sorted(t.name for t in article.tags) == ["Night train", "Rail"]


def test_an_empty_section_name_is_refused(session) -> None:
    with pytest.raises(ValidationError):
        find_or_create_section(session, "   ")
