"""An article save's row lock on a newsroom: it serialises saves, and holds up nobody who merely names the article.

The second desk runs with a short ``lock_timeout`` (set on the test's database),
so a write that would wait on the first desk's lock fails at once instead
of hanging: what these tests check is that it does not wait at all.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from tests.editing.conftest import Newsroom
from workstation.editing.articles import open_article, save_article
from workstation.library.articles import locked_article
from workstation.library.database import Library, open_library
from workstation.library.holds import claim
from workstation.library.models import Photo, Revision
from workstation.library.photo_queries import get_photo

pytestmark = pytest.mark.parametrize("library", ["postgresql"], indirect=True)


@pytest.fixture
def second_desk(library: Library) -> Library:
    """Another desk on the same newsroom whose writes give up after two seconds of waiting for a lock."""
    with library.transaction() as session:
        session.execute(text(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET lock_timeout = 2000', current_database()); END $$"
        ))
    desk = open_library(library.url, user="Olena Marchenko")  # type: ignore[attr-defined]
    yield desk
    desk.close()


def test_a_desk_editing_the_lead_photo_and_naming_the_article_is_not_held_up_by_an_article_save(
    library: Library, newsroom: Newsroom, second_desk: Library
) -> None:
    """Every write renews the change marker, so a desk that wrote first and then waited on the save's lock would deadlock."""
    with library.transaction() as saving:
        article = locked_article(saving, newsroom.story)

        with second_desk.transaction() as session:
            get_photo(session, newsroom.photo, lock=True).caption = "Edited while the story was saving"
            session.flush()
            assert claim(session, newsroom.story, "Olena Marchenko", 4242) is None
            session.add(Revision(article_id=newsroom.story, reason="manual", by_user="Olena Marchenko"))

        article.feature_photo_id = newsroom.photo

    with library.session() as session:
        assert session.get(Photo, newsroom.photo).caption == "Edited while the story was saving"
        assert locked_article(session, newsroom.story).feature_photo_id == newsroom.photo


def test_an_article_save_making_a_photo_its_lead_lands_while_that_photo_is_being_edited(
    library: Library, newsroom: Newsroom, second_desk: Library
) -> None:
    opened = open_article(second_desk, newsroom.story)
    with library.transaction() as editing:
        photo = get_photo(editing, newsroom.photo, lock=True)
        saved = save_article(
            second_desk, newsroom.story, replace(opened.state, feature_photo_id=newsroom.photo, dek="Saved meanwhile"),
            base=opened.state, base_version=opened.version,
        )
        photo.caption = "Racing caption"
    assert (saved.state.feature_photo_id, saved.state.dek) == (newsroom.photo, "Saved meanwhile")
    with library.session() as session:
        assert session.get(Photo, newsroom.photo).caption == "Racing caption"
