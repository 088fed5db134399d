"""Revisions: snapshots, restoring (itself undoable), and thinning old autosaves."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from workstation.library.articles import set_bylines
from workstation.library.database import Library
from workstation.library.models import Article, Author, Revision, Section, Tag
from workstation.library.revisions import list_revisions, restore, snapshot, thin

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def article(library: Library):
    session = library.session()
    article = Article(slug="story", headline="First headline", dek="Dek one", body="Words one.")
    session.add(article)
    session.commit()
    yield session, article
    session.close()


def test_a_snapshot_keeps_the_text_and_the_fields(article) -> None:
    session, story = article
    story.section = Section(slug="news", name="News")
    story.tags = [Tag(slug="kyiv", name="Kyiv")]
    set_bylines(session, story, [Author(slug="a", name="A"), Author(slug="b", name="B")])
    revision = snapshot(session, story, "manual")
    assert (revision.headline, revision.dek, revision.body) == ("First headline", "Dek one", "Words one.")
    assert revision.fields["section_id"] == story.section_id
    assert revision.fields["author_ids"] == [byline.author_id for byline in story.bylines]
    assert revision.fields["tag_ids"] == [story.tags[0].id]
    assert revision.reason == "manual"


def test_an_unchanged_autosave_is_not_written_twice(article) -> None:
    session, story = article
    first = snapshot(session, story)
    assert snapshot(session, story) is first
    assert len(list_revisions(session, story)) == 1


def test_an_autosave_after_an_edit_is_written(article) -> None:
    session, story = article
    snapshot(session, story)
    story.body = "Words two."
    snapshot(session, story)
    assert [r.body for r in list_revisions(session, story)] == ["Words two.", "Words one."]


def test_an_unknown_reason_is_refused(article) -> None:
    session, story = article
    with pytest.raises(ValueError):
        snapshot(session, story, "whim")


def test_restore_brings_back_text_and_byline(article) -> None:
    session, story = article
    author = Author(slug="a", name="A")
    set_bylines(session, story, [author])
    old = snapshot(session, story, "manual")
    story.headline, story.body = "Changed", "Rewritten."
    set_bylines(session, story, [])
    restore(session, story, old)
    assert (story.headline, story.body) == ("First headline", "Words one.")
    assert story.authors == [author]


def test_restore_can_itself_be_undone(article) -> None:
    session, story = article
    old = snapshot(session, story, "manual")
    story.body = "The newer text."
    undo = restore(session, story, old)
    assert undo.reason == "restore" and undo.body == "The newer text."
    restore(session, story, undo)
    assert story.body == "The newer text."


def test_restore_leaves_slug_status_and_publication_date_alone(article) -> None:
    session, story = article
    old = snapshot(session, story, "manual")
    story.status, story.slug = "published", "story-live"
    story.published_at = NOW
    restore(session, story, old)
    assert (story.status, story.slug, story.published_at) == ("published", "story-live", NOW)


def test_restore_skips_a_section_deleted_since(article) -> None:
    session, story = article
    story.section = Section(slug="gone", name="Gone")
    old = snapshot(session, story, "manual")
    story.section = None
    session.flush()
    session.delete(session.scalars(select(Section)).one())
    session.flush()
    restore(session, story, old)
    assert story.section_id is None


def test_restoring_another_articles_revision_is_refused(article) -> None:
    session, story = article
    other = Article(slug="other")
    session.add(other)
    session.flush()
    with pytest.raises(ValueError):
        restore(session, story, snapshot(session, other, "manual"))


def _autosave_at(session, story: Article, when: datetime, reason: str = "autosave") -> None:
    session.add(Revision(article_id=story.id, created_at=when, reason=reason, body=str(when)))
    session.flush()


def test_thinning_keeps_every_autosave_of_the_last_hour(article) -> None:
    session, story = article
    for minute in range(0, 60, 2):
        _autosave_at(session, story, NOW - timedelta(minutes=minute))
    assert thin(session, story, now=NOW) == 0


def test_thinning_keeps_one_autosave_per_five_minutes_within_a_day(article) -> None:
    session, story = article
    start = datetime(2026, 6, 1, 6, 0, tzinfo=timezone.utc)
    for second in range(0, 600, 30):
        _autosave_at(session, story, start + timedelta(seconds=second))
    thin(session, story, now=NOW)
    assert len(list_revisions(session, story)) == 2


def test_thinning_keeps_one_autosave_per_hour_within_a_week(article) -> None:
    session, story = article
    start = datetime(2026, 5, 28, 10, 0, tzinfo=timezone.utc)
    for minute in range(0, 180, 10):
        _autosave_at(session, story, start + timedelta(minutes=minute))
    thin(session, story, now=NOW)
    assert len(list_revisions(session, story)) == 3


def test_thinning_keeps_one_autosave_per_day_after_a_week(article) -> None:
    session, story = article
    start = datetime(2026, 5, 1, 0, 0, tzinfo=timezone.utc)
    for hour in range(0, 72, 3):
        _autosave_at(session, story, start + timedelta(hours=hour))
    thin(session, story, now=NOW)
    assert len(list_revisions(session, story)) == 3


def test_thinning_keeps_the_newest_autosave_of_each_slot(article) -> None:
    session, story = article
    older = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)
    newer = datetime(2026, 5, 1, 20, 0, tzinfo=timezone.utc)
    _autosave_at(session, story, older)
    _autosave_at(session, story, newer)
    thin(session, story, now=NOW)
    assert [r.created_at for r in list_revisions(session, story)] == [newer]


def test_thinning_never_removes_a_snapshot_taken_for_a_reason(article) -> None:
    session, story = article
    day = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)
    for reason in ("import", "status", "restore", "manual", "close"):
        _autosave_at(session, story, day, reason=reason)
    assert thin(session, story, now=NOW) == 0


def test_each_new_autosave_thins_the_older_ones(article) -> None:
    session, story = article
    start = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)
    for minute in range(0, 120, 10):
        _autosave_at(session, story, start + timedelta(minutes=minute))
    story.body = "Fresh words."
    snapshot(session, story)
    assert [r.body for r in list_revisions(session, story)][0] == "Fresh words."
    assert len(list_revisions(session, story)) == 2
