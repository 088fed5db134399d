"""Saving an article through the application layer: what lands in the file, and what is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.editing.conftest import reopened
from workstation.editing import articles
from workstation.editing.article_edit import ArticleEdit
from workstation.errors import ValidationError
from workstation.library.models import Article

pytestmark = pytest.mark.both_backends


def _shown(library, article_id):
    return articles.open_article(library, article_id).state


def test_opening_an_article_gives_its_fields_and_the_panel_choices(library, newsroom):
    opened = articles.open_article(library, newsroom.story)
    assert opened.state.headline == "Power returns to the river districts"
    assert opened.state.author_ids == tuple(newsroom.authors)
    assert [choice.name for choice in opened.sections] == ["News Feed", "Culture"]  # by position
    assert [choice.name for choice in opened.authors] == ["Olena Koval", "Taras Bondar"]


def test_opening_an_article_that_is_gone_is_refused(library):
    with pytest.raises(ValidationError, match="987654"):
        articles.open_article(library, 987_654)


def test_a_save_is_in_the_file_when_it_returns(library, newsroom):
    shown = replace(_shown(library, newsroom.story), body="Typed on the train.", dek="A new dek.")
    saved = articles.save_article(library, newsroom.story, shown)
    assert saved.state.body == "Typed on the train."
    assert reopened(library, newsroom.story).dek == "A new dek."


def test_saving_an_article_that_is_gone_is_refused(library):
    with pytest.raises(ValidationError, match="no longer in the library"):
        articles.save_article(library, 999, articles.ArticleState(body="words"))


def test_an_empty_body_does_not_replace_a_stored_one(library, newsroom):
    saved = articles.save_article(library, newsroom.story, replace(_shown(library, newsroom.story), body=""))
    assert saved.body_kept
    assert reopened(library, newsroom.story).body.startswith("The first paragraph")


def test_a_body_the_reporter_emptied_is_saved_empty(library, newsroom):
    edit = ArticleEdit(library, articles.open_article(library, newsroom.story))
    edit.note_edit("")
    edit.save(replace(edit.stored, body=""))
    assert reopened(library, newsroom.story).body == ""


def test_a_vanished_lead_photo_is_reported_and_dropped(library, newsroom):
    shown = replace(_shown(library, newsroom.story), feature_photo_id=777, body="Kept.")
    saved = articles.save_article(library, newsroom.story, shown)
    assert saved.problems == ("lead photo 777 is no longer in the library",)
    assert reopened(library, newsroom.story).body == "Kept."


def test_an_unknown_status_is_ignored(library, newsroom):
    articles.save_article(library, newsroom.story, replace(_shown(library, newsroom.story), status="<script>"))
    assert reopened(library, newsroom.story).status == "draft"


def test_a_huge_body_is_saved_whole(library, newsroom):
    body = "word " * 400_000
    articles.save_article(library, newsroom.story, replace(_shown(library, newsroom.story), body=body))
    assert reopened(library, newsroom.story).body == body


def test_a_taken_slug_is_reported_and_the_text_still_saved(library, newsroom):
    shown = replace(_shown(library, newsroom.story), slug=newsroom.other_slug, body="Still saved.")
    saved = articles.save_article(library, newsroom.story, shown)
    assert saved.slug_problem and "already used" in saved.slug_problem
    assert reopened(library, newsroom.story).body == "Still saved."


def test_a_new_drafts_slug_follows_its_headline_until_one_is_typed(library):
    article_id = articles.create_article(library)
    state = _shown(library, article_id)
    assert state.slug.startswith("untitled")
    state = articles.save_article(library, article_id, replace(state, headline="Київ")).state
    state = articles.save_article(library, article_id, replace(state, headline="Київ готує мости")).state
    assert state.slug == "kyiv-hotuie-mosty"
    state = articles.save_article(library, article_id, replace(state, slug="bridges")).state
    state = articles.save_article(library, article_id, replace(state, headline="Київ ремонтує мости")).state
    assert state.slug == "bridges"


def test_a_published_articles_slug_stays_when_its_headline_changes(library, newsroom):
    state = _shown(library, newsroom.other)
    saved = articles.save_article(library, newsroom.other, replace(state, headline="A wholly different headline"))
    assert saved.state.slug == newsroom.other_slug


def test_the_first_edit_of_an_article_without_history_keeps_its_original_text(library, newsroom):
    before = _shown(library, newsroom.story)
    articles.save_article(library, newsroom.story, replace(before, body="Rewritten."))
    articles.save_article(library, newsroom.story, replace(before, body="Rewritten again."))
    revisions = articles.revision_summaries(library, newsroom.story)
    assert [r.reason for r in revisions] == ["original"]
    assert articles.revision_diff_text(library, newsroom.story, revisions[0].id).endswith(before.body)


def test_a_revision_of_another_article_cannot_be_read(library, newsroom):
    saved = articles.save_article(library, newsroom.story, _shown(library, newsroom.story), revision_reason="manual")
    revision_id = articles.revision_summaries(library, newsroom.story)[0].id
    assert saved.revision_kept
    with pytest.raises(ValidationError):
        articles.revision_diff_text(library, newsroom.empty, revision_id)


def test_photo_markdown_keeps_brackets_out_of_the_alt_text(library, newsroom):
    from workstation.library.models import Photo

    with library.transaction() as session:
        session.get(Photo, newsroom.photo).alt_text = "A [bracketed] alt](javascript:x)"
    markdown = articles.photo_markdown(library, newsroom.photo)
    assert markdown == f"![A (bracketed) alt)(javascript:x)](photo:{newsroom.photo})"


def test_the_article_to_reopen_is_the_remembered_one_or_the_newest(library, newsroom):
    assert articles.article_to_reopen(library, str(newsroom.empty)) == newsroom.empty
    with library.transaction() as session:
        session.get(Article, newsroom.story).dek = "Changed last."
    assert articles.article_to_reopen(library, "not a number") == newsroom.story
    assert articles.article_to_reopen(library, 424242) == newsroom.story


def test_a_slug_that_is_not_in_the_library_is_refused(library, newsroom):
    assert articles.article_id_for_slug(library, newsroom.other_slug) == newsroom.other
    with pytest.raises(ValidationError, match="no article"):
        articles.article_id_for_slug(library, "nowhere")


def test_field_lengths_are_measured_against_where_they_show():
    assert articles.length_note("seo_title", "x" * 61) == "61 / 60 — too long"
    assert articles.length_note("headline", "Short") == "5 / 100"


def test_tags_are_typed_in_one_box_separated_by_commas():
    assert articles.parse_tags(" energy, Kyiv,, energy ,") == ["energy", "Kyiv", "energy"]
