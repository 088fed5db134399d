"""The article desk's core writes (library/drafts.py): hostile and vanished input."""

from __future__ import annotations

import pytest

from tests.ui.conftest import fresh_article
from workstation.errors import ValidationError
from workstation.library.drafts import photo_markdown, revision_text, save_draft


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
