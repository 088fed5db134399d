"""The article desk's core writes (library/drafts.py): hostile and vanished input."""

from __future__ import annotations

import pytest

from tests.ui.conftest import fresh_article
from workstation.errors import ValidationError
from workstation.library.drafts import photo_markdown, revision_text, revision_values, save_draft


def test_saving_an_article_that_is_gone_is_refused(library):
    with library.transaction() as session, pytest.raises(ValidationError, match="no longer in the library"):
        save_draft(session, 999, {"body": "words"})


def test_a_vanished_lead_photo_is_reported_and_dropped(library, filled):
    with library.transaction() as session:
        result = save_draft(session, filled["story"], {"feature_photo_id": 777, "body": "Kept."})
    assert result.problems == ["lead photo 777 is no longer in the library"]
    assert fresh_article(library.path, filled["story"])["body"] == "Kept."


def test_an_unknown_status_is_ignored(library, filled):
    with library.transaction() as session:
        save_draft(session, filled["story"], {"status": "<script>", "body": "Still saved."})
    saved = fresh_article(library.path, filled["story"])
    assert saved["status"] == "draft" and saved["body"] == "Still saved."


def test_a_huge_body_is_saved_whole(library, filled):
    body = "word " * 400_000
    with library.transaction() as session:
        save_draft(session, filled["story"], {"body": body})
    assert fresh_article(library.path, filled["story"])["body"] == body


def test_the_first_edit_of_an_article_without_history_keeps_its_original_text(library, filled):
    from workstation.library.drafts import revision_summaries

    before = fresh_article(library.path, filled["story"])["body"]
    with library.transaction() as session:
        save_draft(session, filled["story"], {"body": "Rewritten."})
        save_draft(session, filled["story"], {"body": "Rewritten again."})
    with library.session() as session:
        revisions = revision_summaries(session, filled["story"])
        assert [reason for _id, _when, reason in revisions] == ["original"]
        assert revision_text(session, filled["story"], revisions[0][0])[2] == before


def test_a_new_drafts_slug_follows_its_headline_until_one_is_typed(library):
    from workstation.library.articles import new_article

    with library.transaction() as session:
        article = new_article(session)
        assert article.slug.startswith("untitled")
        save_draft(session, article.id, {"headline": "Київ", "slug": article.slug})
        save_draft(session, article.id, {"headline": "Київ готує мости", "slug": article.slug})
        assert article.slug == "kyiv-hotuie-mosty"
        save_draft(session, article.id, {"slug": "bridges"})
        save_draft(session, article.id, {"headline": "Київ ремонтує мости", "slug": "bridges"})
        assert article.slug == "bridges"


def test_a_published_articles_slug_stays_when_its_headline_changes(library, filled):
    from workstation.library.models import Article

    with library.transaction() as session:
        article = session.get(Article, filled["story"])
        article.status = "published"
        before = article.slug
        save_draft(session, article.id, {"headline": "A wholly different headline", "slug": before})
        assert article.slug == before


def test_a_followed_slug_never_takes_another_articles_address(library, filled):
    from workstation.library.articles import new_article

    taken = filled["other_slug"]
    with library.transaction() as session:
        article = new_article(session)
        save_draft(session, article.id, {"headline": taken.replace("-", " "), "slug": article.slug})
        assert article.slug == f"{taken}-2"


def test_a_revision_of_another_article_cannot_be_read(library, filled):
    from workstation.library.models import Article
    from workstation.library.revisions import snapshot

    with library.transaction() as session:
        revision_id = snapshot(session, session.get(Article, filled["story"]), "manual").id
    with library.session() as session, pytest.raises(ValidationError):
        revision_text(session, filled["empty"], revision_id)


def test_photo_markdown_keeps_brackets_out_of_the_alt_text(library, filled):
    from workstation.library.models import Photo

    with library.transaction() as session:
        session.get(Photo, filled["photo"]).alt_text = "A [bracketed] alt](javascript:x)"
    with library.session() as session:
        markdown = photo_markdown(session, filled["photo"])
    assert markdown == f"![A (bracketed) alt)(javascript:x)](photo:{filled['photo']})"


def test_restore_values_of_another_articles_revision_are_refused(library, filled):
    from workstation.library.models import Article
    from workstation.library.revisions import snapshot

    with library.transaction() as session:
        revision_id = snapshot(session, session.get(Article, filled["story"]), "manual").id
    with library.session() as session, pytest.raises(ValidationError):
        revision_values(session, filled["empty"], revision_id)


def test_restore_values_skip_a_section_and_photo_deleted_since_the_revision(library, filled):
    from workstation.library.models import Article, Photo, Section
    from workstation.library.revisions import snapshot

    with library.transaction() as session:
        story = session.get(Article, filled["story"])
        story.feature_photo_id = filled["photo"]
        revision_id = snapshot(session, story, "manual").id
        story.section_id = None
        story.feature_photo_id = None
        session.flush()
        session.delete(session.get(Section, filled["section"]))
        session.delete(session.get(Photo, filled["photo"]))
    with library.session() as session:
        values = revision_values(session, filled["story"], revision_id)
    assert values["section_id"] is None and values["feature_photo_id"] is None


def test_restore_values_leave_out_the_slug_status_and_date(library, filled):
    from workstation.library.models import Article
    from workstation.library.revisions import snapshot

    with library.transaction() as session:
        revision_id = snapshot(session, session.get(Article, filled["story"]), "manual").id
    with library.session() as session:
        values = revision_values(session, filled["story"], revision_id)
    assert not {"slug", "status", "published_at"} & values.keys()
