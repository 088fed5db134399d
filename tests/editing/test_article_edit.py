"""One open article's rules: what "unsaved" means, and which revisions an autosave keeps."""

from __future__ import annotations

from dataclasses import replace

from workstation.editing import articles
from workstation.editing.article_edit import REVISION_EVERY_S, ArticleEdit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _edit(library, article_id, clock=None):
    return ArticleEdit(library, articles.open_article(library, article_id), **({"clock": clock} if clock else {}))


def _reasons(library, article_id):
    return [r.reason for r in articles.revision_summaries(library, article_id)]


def test_an_article_as_opened_is_not_unsaved(library, newsroom):
    edit = _edit(library, newsroom.story)
    assert not edit.is_dirty(edit.stored)


def test_any_changed_field_makes_it_unsaved_until_saved(library, newsroom):
    edit = _edit(library, newsroom.story)
    shown = replace(edit.stored, tags=("energy",))
    assert edit.is_dirty(shown)
    edit.save(shown)
    assert not edit.is_dirty(shown)


def test_typing_back_to_the_saved_text_is_not_unsaved(library, newsroom):
    edit = _edit(library, newsroom.story)
    assert not edit.is_dirty(replace(edit.stored, body=edit.stored.body))


def test_an_autosave_keeps_a_revision_only_every_five_minutes(library, newsroom):
    clock = Clock()
    edit = _edit(library, newsroom.story, clock)
    edit.autosave(replace(edit.stored, body="One."))
    assert _reasons(library, newsroom.story) == ["original"]
    clock.now += REVISION_EVERY_S
    assert edit.autosave(replace(edit.stored, body="Two.")).revision_kept
    clock.now += 10
    assert not edit.autosave(replace(edit.stored, body="Three.")).revision_kept
    assert _reasons(library, newsroom.story) == ["autosave", "original"]


def test_closing_an_edited_article_keeps_a_close_revision(library, newsroom):
    edit = _edit(library, newsroom.story)
    edit.note_edit("More.")
    edit.close(replace(edit.stored, body="More."))
    assert _reasons(library, newsroom.story)[0] == "close"


def test_closing_an_article_left_alone_writes_nothing(library, newsroom):
    edit = _edit(library, newsroom.story)
    assert edit.close(edit.stored) is None
    assert _reasons(library, newsroom.story) == []


def test_a_status_change_is_kept_as_a_revision(library, newsroom):
    edit = _edit(library, newsroom.story)
    edit.save(replace(edit.stored, status="ready"), "status")
    assert _reasons(library, newsroom.story) == ["status", "original"]
