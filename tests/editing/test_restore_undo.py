"""Restore a revision, then undo it: every field comes back as it was, and stays so on disk."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.editing.conftest import reopened
from workstation.editing import articles
from workstation.editing.article_edit import ArticleEdit
from workstation.errors import ValidationError
from workstation.library.database import open_library


def _revised_story(library, newsroom):
    """A manual revision of the plain story, then every restorable field changed and saved."""
    edit = ArticleEdit(library, articles.open_article(library, newsroom.story))
    edit.save(edit.stored, "manual")
    revision_id = articles.revision_summaries(library, newsroom.story)[0].id
    rich = replace(
        edit.stored,
        headline="A different headline",
        dek="A different dek.",
        body="A rewritten story.",
        section_id=newsroom.sections[1],
        author_ids=(newsroom.authors[1],),
        tags=("later", "floods"),
        feature_photo_id=newsroom.photo,
        feature_caption="Caption override",
        feature_alt="Alt override",
        seo_title="SEO title",
        seo_description="SEO description",
    )
    edit.note_edit(rich.body)
    edit.save(rich)
    return edit, revision_id, edit.stored


def test_restore_brings_back_every_field_of_the_revision(library, newsroom):
    edit, revision_id, _rich = _revised_story(library, newsroom)
    restored = edit.restore(revision_id, edit.stored)
    state = reopened(library.path, newsroom.story)
    assert restored.saved.state == state
    assert (state.headline, state.dek, state.section_id) == (
        "Power returns to the river districts", "Crews worked through the night.", newsroom.sections[0],
    )
    assert state.author_ids == tuple(newsroom.authors)
    assert state.feature_photo_id is None and state.seo_title == ""


def test_restore_keeps_a_revision_of_what_it_replaced(library, newsroom):
    edit, revision_id, _rich = _revised_story(library, newsroom)
    edit.restore(revision_id, edit.stored)
    before = next(r for r in articles.revision_summaries(library, newsroom.story) if r.reason == "restore")
    assert articles.revision_diff_text(library, newsroom.story, before.id).endswith("A rewritten story.")


def test_undo_of_a_restore_brings_back_every_field_after_reopening(library, newsroom, tmp_path):
    edit, revision_id, rich = _revised_story(library, newsroom)
    restored = edit.restore(revision_id, edit.stored)
    undone = edit.undo_restore(restored.saved.state)
    assert undone.saved.state == rich
    library.close()
    assert reopened(library.path, newsroom.story) == rich


def test_undo_keeps_the_slug_status_and_date_as_they_are_now(library, newsroom):
    edit, revision_id, _rich = _revised_story(library, newsroom)
    restored = edit.restore(revision_id, edit.stored)
    now = replace(restored.saved.state, status="ready", slug="river-power")
    undone = edit.undo_restore(now)
    assert (undone.saved.state.status, undone.saved.state.slug) == ("ready", "river-power")
    assert undone.saved.state.headline == "A different headline"


def test_redo_after_undo_brings_the_restored_fields_back(library, newsroom):
    edit, revision_id, _rich = _revised_story(library, newsroom)
    restored = edit.restore(revision_id, edit.stored)
    edit.undo_restore(restored.saved.state)
    redone = edit.redo_restore(edit.stored)
    assert redone.saved.state == restored.saved.state
    assert reopened(library.path, newsroom.story) == restored.saved.state


def test_undo_of_a_restore_that_emptied_the_body_writes_the_body_back(library, newsroom):
    edit = ArticleEdit(library, articles.open_article(library, newsroom.empty))
    edit.save(edit.stored, "manual")
    revision_id = articles.revision_summaries(library, newsroom.empty)[0].id
    edit.note_edit("Notes worth keeping.")
    edit.save(replace(edit.stored, body="Notes worth keeping."))
    restored = edit.restore(revision_id, edit.stored)
    assert restored.saved.state.body == ""
    edit.undo_restore(restored.saved.state)
    assert reopened(library.path, newsroom.empty).body == "Notes worth keeping."


def test_a_revision_of_another_article_cannot_be_restored(library, newsroom):
    edit, revision_id, _rich = _revised_story(library, newsroom)
    other = ArticleEdit(library, articles.open_article(library, newsroom.empty))
    with pytest.raises(ValidationError):
        other.restore(revision_id, other.stored)
    assert other.restore_point is None


def test_undo_without_a_restore_is_refused(library, newsroom):
    edit = ArticleEdit(library, articles.open_article(library, newsroom.story))
    with pytest.raises(ValidationError):
        edit.undo_restore(edit.stored)


def test_restore_skips_a_section_deleted_since_the_revision(library, newsroom):
    from workstation.library.models import Section

    edit, revision_id, _rich = _revised_story(library, newsroom)
    with library.transaction() as session:
        session.delete(session.get(Section, newsroom.sections[0]))
    restored = edit.restore(revision_id, edit.stored)
    assert restored.saved.state.section_id is None
    with open_library(library.path, readonly=True) as lib, lib.session() as session:
        assert session.get(Section, newsroom.sections[0]) is None


def test_restore_leaves_the_slug_status_and_date_as_they_are(library, newsroom):
    from datetime import datetime, timezone

    from workstation.library.models import Article

    edit, revision_id, rich = _revised_story(library, newsroom)
    when = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    # The date is the publishing workflow's to set, never a save's.
    with library.transaction() as session:
        session.get(Article, newsroom.story).published_at = when
    edit.save(replace(rich, slug="river-power", status="ready", published_at=when))
    restored = edit.restore(revision_id, edit.stored).saved.state
    assert (restored.slug, restored.status) == ("river-power", "ready")
    assert restored.published_at is not None and restored.published_at.replace(tzinfo=timezone.utc) == when


def test_restore_skips_a_photo_deleted_since_the_revision(library, newsroom):
    from workstation.library.models import Article, Photo

    edit, revision_id, rich = _revised_story(library, newsroom)
    edit.save(rich, "manual")
    with_photo = articles.revision_summaries(library, newsroom.story)[0].id
    with library.transaction() as session:
        session.get(Article, newsroom.story).feature_photo_id = None
        session.flush()
        session.delete(session.get(Photo, newsroom.photo))
    edit.stored = articles.open_article(library, newsroom.story).state
    restored = edit.restore(with_photo, edit.stored)
    assert restored.saved.state.feature_photo_id is None and restored.lead_thumbnail is None
    assert revision_id != with_photo
