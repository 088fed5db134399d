"""Publishing is a decision: the gate, the override with its reason, dates, embargo, unpublish and corrections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.editing.conftest import Newsroom, reopened
from workstation.editing.articles import revision_summaries, save_article
from workstation.editing.publishing import PublishBlocked, correct, plan_publish, publish, unpublish
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Article, Correction, Photo
from workstation.publish.preflight import preflight

KYIV = timezone(timedelta(hours=2))
NOW = datetime(2026, 6, 12, 7, 0, tzinfo=timezone.utc)


def _body(library: Library, article_id: int, body: str) -> None:
    with library.transaction() as session:
        session.get(Article, article_id).body = body


def test_a_link_to_a_draft_blocks_publishing_and_changes_nothing(library: Library, newsroom: Newsroom) -> None:
    notes_slug = reopened(library.path, newsroom.empty).slug
    _body(library, newsroom.story, f"Text.\n\n[[{notes_slug}]]\n")
    with pytest.raises(PublishBlocked) as blocked:
        publish(library, newsroom.story, now=NOW)
    assert [f.kind for f in blocked.value.errors] == ["article-reference"]
    assert "not published" in blocked.value.errors[0].message
    stored = reopened(library.path, newsroom.story)
    assert (stored.status, stored.published_at) == ("draft", None)


def test_an_override_with_a_reason_publishes_and_keeps_the_reason_in_the_history(
    library: Library, newsroom: Newsroom
) -> None:
    notes_slug = reopened(library.path, newsroom.empty).slug
    _body(library, newsroom.story, f"Text.\n\n[[{notes_slug}]]\n")
    published = publish(library, newsroom.story, override="Notes goes out within the hour", now=NOW)
    assert published.state.status == "published" and len(published.overridden) == 1
    newest = revision_summaries(library, newsroom.story)[0]
    assert newest.reason == "publish"
    assert "Reason: Notes goes out within the hour" in newest.note and notes_slug in newest.note


def test_a_blank_reason_is_no_override(library: Library, newsroom: Newsroom) -> None:
    _body(library, newsroom.story, "Text.\n\n[[no-such-story]]\n")
    with pytest.raises(PublishBlocked):
        publish(library, newsroom.story, override="   ", now=NOW)


def test_a_figure_without_credit_or_alt_text_is_an_error(library: Library, newsroom: Newsroom) -> None:
    with library.transaction() as session:
        photo = session.get(Photo, newsroom.photo)
        photo.creator = photo.credit_line = photo.alt_text = ""
    _body(library, newsroom.story, f"Text.\n\n![](photo:{newsroom.photo})\n")
    kinds = {f.kind for f in plan_publish(library, newsroom.story, now=NOW).errors}
    assert {"alt-text", "credit"} <= kinds


def test_expired_photo_rights_are_an_error(library: Library, newsroom: Newsroom) -> None:
    with library.transaction() as session:
        session.get(Photo, newsroom.photo).rights_expiry = date(2020, 1, 1)
        session.get(Article, newsroom.story).feature_photo_id = newsroom.photo
    messages = [f.message for f in plan_publish(library, newsroom.story).errors]
    assert any("usage rights expired on 2020-01-01" in m for m in messages)


def test_a_remote_image_is_an_error_naming_its_address(library: Library, newsroom: Newsroom) -> None:
    _body(library, newsroom.story, 'Text.\n\n<img src="https://tracker.example/pixel.png" alt="x">\n')
    [error] = plan_publish(library, newsroom.story, now=NOW).errors
    assert error.kind == "remote-image" and "https://tracker.example/pixel.png" in error.message


def test_a_remote_image_in_an_authors_bio_is_an_error(library: Library, newsroom: Newsroom) -> None:
    from workstation.library.models import Author

    with library.transaction() as session:
        session.get(Author, newsroom.authors[0]).bio = "Reporter. ![me](https://cdn.example/me.jpg)"
    [error] = plan_publish(library, newsroom.story, now=NOW).errors
    assert error.subject.startswith("author ") and "https://cdn.example/me.jpg" in error.message


def test_the_first_publish_sets_the_chosen_time_with_its_zone(library: Library, newsroom: Newsroom) -> None:
    chosen = datetime(2026, 6, 12, 9, 30, tzinfo=KYIV)
    publish(library, newsroom.story, at=chosen, now=NOW + timedelta(hours=1))
    stored = reopened(library.path, newsroom.story)
    assert stored.published_at == chosen and stored.published_at.utcoffset() == timedelta(hours=2)


def test_a_time_without_a_zone_is_refused(library: Library, newsroom: Newsroom) -> None:
    with pytest.raises(ValidationError, match="time zone"):
        publish(library, newsroom.story, at=datetime(2026, 6, 12, 9, 30), now=NOW)
    assert reopened(library.path, newsroom.story).status == "draft"


def test_a_future_time_schedules_the_article(library: Library, newsroom: Newsroom) -> None:
    later = NOW + timedelta(days=1)
    published = publish(library, newsroom.story, at=later, now=NOW)
    assert published.scheduled and published.message().startswith("Scheduled for 13 June 2026")
    plan = plan_publish(library, newsroom.story, now=NOW)
    assert plan.scheduled and plan.date_editable and plan.published_at == later


def test_an_update_keeps_the_publication_date_and_sets_the_modified_date(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    save_article(library, newsroom.story, replace(reopened(library.path, newsroom.story), body="New facts."))
    later = NOW + timedelta(hours=5)
    updated = publish(library, newsroom.story, now=later)
    assert updated.updated and updated.published_at == NOW
    with library.session() as session:
        article = session.get(Article, newsroom.story)
        assert (article.published_at, article.modified_at) == (NOW, later)
    assert revision_summaries(library, newsroom.story)[0].reason == "update"


def test_an_update_refuses_a_new_publication_date(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    with pytest.raises(ValidationError, match="keeps its publication date"):
        publish(library, newsroom.story, at=NOW + timedelta(days=2), now=NOW + timedelta(hours=1))


def test_an_autosave_never_publishes_or_moves_the_date(library: Library, newsroom: Newsroom) -> None:
    shown = reopened(library.path, newsroom.story)
    saved = save_article(library, newsroom.story, replace(shown, status="published", published_at=NOW))
    assert (saved.state.status, saved.state.published_at) == ("draft", None)


def test_saving_a_published_article_as_ready_does_not_unpublish_it(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    shown = reopened(library.path, newsroom.story)
    assert save_article(library, newsroom.story, replace(shown, status="ready")).state.status == "published"


def test_unpublishing_makes_a_draft_and_links_to_it_become_errors(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    story_slug = reopened(library.path, newsroom.story).slug
    _body(library, newsroom.other, f"See also:\n\n[[{story_slug}]]\n")
    unpublish(library, newsroom.story, now=NOW)
    assert reopened(library.path, newsroom.story).status == "draft"
    assert revision_summaries(library, newsroom.story)[0].reason == "unpublish"
    with library.session() as session:
        found = [str(f) for f in preflight(session) if f.kind == "article-reference"]
    assert found == [f"article {newsroom.other_slug}: links to [[{story_slug}]], which is not published; "
                     "the page would show a missing article"]


def test_unpublishing_a_draft_is_refused(library: Library, newsroom: Newsroom) -> None:
    with pytest.raises(ValidationError, match="is not published"):
        unpublish(library, newsroom.story)


def test_a_correction_is_dated_kept_and_listed_in_the_history(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    later = NOW + timedelta(days=1)
    correct(library, newsroom.story, "The bridge is 40 m long, not 400 m.", now=later)
    with library.session() as session:
        [note] = session.scalars(select(Correction)).all()
        assert (note.text, note.noted_at) == ("The bridge is 40 m long, not 400 m.", later)
        assert session.get(Article, newsroom.story).modified_at == later
    newest = revision_summaries(library, newsroom.story)[0]
    assert (newest.reason, newest.note) == ("correction", "The bridge is 40 m long, not 400 m.")


def test_only_a_published_article_is_corrected(library: Library, newsroom: Newsroom) -> None:
    with pytest.raises(ValidationError, match="not on the site"):
        correct(library, newsroom.story, "A fix.")


def test_an_empty_correction_is_refused(library: Library, newsroom: Newsroom) -> None:
    publish(library, newsroom.story, now=NOW)
    with pytest.raises(ValidationError, match="needs its text"):
        correct(library, newsroom.story, "  \n ")
