"""The story budget: which stories are on it, in which column, and moving them through the workflow."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from workstation.editing.budget import Column, budget_lines, load_budget, move_story
from workstation.editing.publishing import PublishBlocked
from workstation.errors import ValidationError
from workstation.library.articles import find_or_create_section, new_article, set_bylines
from workstation.library.authors import create_author
from workstation.library.database import Library
from workstation.library.models import Article

KYIV = timezone(timedelta(hours=2))
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=KYIV)


def _stories(library: Library) -> dict[str, int]:
    with library.transaction() as session:
        news = find_or_create_section(session, "News")
        sport = find_or_create_section(session, "Sport")
        olena = create_author(session, "Olena Marchenko", bio="Reporter.")
        taras = create_author(session, "Taras Bondar", bio="Reporter.")

        def story(headline: str, status: str, at: datetime | None, section=news, authors=(olena,), body="One two three."):  # type: ignore[no-untyped-def]
            article = new_article(session, headline)
            article.status, article.published_at, article.section_id, article.body = status, at, section.id, body
            set_bylines(session, article, list(authors))
            session.flush()
            article.updated_at = NOW - timedelta(hours=1)
            return article.id

        ids = {
            "draft": story("Council budget draft", "draft", None),
            "editing": story("Bridge repairs", "editing", NOW + timedelta(hours=5), sport, (taras,)),
            "ready": story("Flood defences ready", "ready", NOW + timedelta(days=1)),
            "scheduled": story("Tomorrow's embargo", "published", NOW + timedelta(days=1, hours=2)),
            "published": story("Morning briefing", "published", NOW - timedelta(hours=2)),
            "yesterday": story("Yesterday's news", "published", NOW - timedelta(days=1)),
            "next_week": story("Next week's feature", "ready", NOW + timedelta(days=6)),
            "blank": story("", "draft", None, authors=()),
        }
        old = new_article(session, "An abandoned draft")
        session.flush()
        old.updated_at = NOW - timedelta(days=30)
        ids["old"] = old.id
        ids["news"], ids["sport"], ids["olena"], ids["taras"] = news.id, sport.id, olena.id, taras.id
    return ids


def _columns(library: Library, **filters: int) -> dict[Column, list[int]]:
    budget = load_budget(library, NOW.date(), now=NOW, zone=KYIV, **filters)
    return {column: [card.article_id for card in cards] for column, cards in budget.columns.items()}


def test_todays_and_tomorrows_stories_are_in_columns_by_status(library: Library) -> None:
    ids = _stories(library)
    assert _columns(library) == {
        Column.DRAFT: [ids["draft"], ids["blank"]],
        Column.EDITING: [ids["editing"]],
        Column.READY: [ids["ready"]],
        Column.SCHEDULED: [ids["scheduled"]],
        Column.PUBLISHED: [ids["published"]],
    }


def test_filters_by_section_and_by_person(library: Library) -> None:
    ids = _stories(library)
    assert [i for c in _columns(library, section_id=ids["sport"]).values() for i in c] == [ids["editing"]]
    assert [i for c in _columns(library, author_id=ids["taras"]).values() for i in c] == [ids["editing"]]


def test_a_card_carries_section_byline_words_time_and_target(library: Library) -> None:
    ids = _stories(library)
    with library.transaction() as session:
        session.get(Article, ids["editing"]).body = "Crews {++worked ++}all night {>>A · 2026-12-06 09:00: ok<<}."
    card = next(c for c in load_budget(library, NOW.date(), now=NOW, zone=KYIV).cards() if c.article_id == ids["editing"])
    assert (card.section, card.byline, card.words, card.scheduled) == ("Sport", "Taras Bondar", 3, NOW + timedelta(hours=5))
    assert card.words_label == "3 words"


def test_moving_to_a_working_status_sets_it(library: Library) -> None:
    ids = _stories(library)
    moved = move_story(library, ids["draft"], "editing", now=NOW)
    assert moved.column is Column.EDITING
    assert ids["draft"] in _columns(library)[Column.EDITING]


def test_publishing_is_refused_while_preflight_finds_errors(library: Library) -> None:
    ids = _stories(library)
    with pytest.raises(PublishBlocked, match="has no headline|without a byline"):
        move_story(library, ids["blank"], "published", now=NOW)
    assert ids["blank"] in _columns(library)[Column.DRAFT]


def test_a_pending_suggestion_blocks_publishing(library: Library) -> None:
    ids = _stories(library)
    with library.transaction() as session:
        session.get(Article, ids["ready"]).body = "Defences {++finally ++}hold."
    with pytest.raises(PublishBlocked, match="suggestion"):
        move_story(library, ids["ready"], "published", now=NOW)


def test_a_clean_story_is_published_through_the_gate(library: Library) -> None:
    ids = _stories(library)
    move_story(library, ids["ready"], "published", now=NOW)
    with library.session() as session:
        article = session.get(Article, ids["ready"])
        assert (article.status, article.published_at) == ("published", NOW)


def test_scheduling_needs_a_time_still_to_come(library: Library) -> None:
    ids = _stories(library)
    with pytest.raises(ValidationError, match="still to come"):
        move_story(library, ids["ready"], "scheduled", at=NOW - timedelta(hours=1), now=NOW)
    at = NOW + timedelta(hours=8)
    move_story(library, ids["ready"], "scheduled", at=at, now=NOW)
    assert ids["ready"] in _columns(library)[Column.SCHEDULED]


def test_moving_a_published_story_back_takes_it_off_the_site(library: Library) -> None:
    ids = _stories(library)
    message = move_story(library, ids["published"], "editing", now=NOW).message
    assert message == "“Morning briefing” taken off the site, now editing"
    with library.session() as session:
        assert session.get(Article, ids["published"]).status == "editing"


def test_the_printed_list_has_every_column_and_story(library: Library) -> None:
    _stories(library)
    lines = budget_lines(load_budget(library, NOW.date(), now=NOW, zone=KYIV))
    assert [title for title, _ in lines] == ["Draft (2)", "Editing (1)", "Ready (1)", "Scheduled (1)", "Published (1)"]
    assert lines[1][1] == ["Sun 15:00 · Bridge repairs — Sport · Taras Bondar · 3 words"]


def test_a_scheduled_story_moved_to_published_goes_out_now(library: Library) -> None:
    ids = _stories(library)
    move_story(library, ids["scheduled"], "published", now=NOW)
    with library.session() as session:
        article = session.get(Article, ids["scheduled"])
        assert (article.status, article.published_at) == ("published", NOW)
    assert ids["scheduled"] in _columns(library)[Column.PUBLISHED]
