"""Offline take-out and bring-back: articles leave a newsroom for a file, are edited on both sides, and merge back.

Every test runs against a real newsroom (the ``library`` fixture on
PostgreSQL, filled by ``newsroom``) and a real library file.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from tests.editing.conftest import Newsroom
from workstation.editing.articles import create_article, open_article, save_article
from workstation.editing.bring_back import BROUGHT, CONFLICTED, MERGED, NEW, UNCHANGED, bring_back
from workstation.editing.kept_versions import kept_versions
from workstation.editing.photos import save_photo_fields
from workstation.editing.take_out import take_out_to_file
from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.articles import find_article, new_article
from workstation.library.authors import find_author, update_author
from workstation.library.database import Library, open_library
from workstation.library.models import Article, Author, Photo, Revision
from workstation.library.photos import add_photo, load_original
from workstation.library.settings import SiteSettings, load_settings, save_settings
from workstation.photos.ingest import ingest_file

pytestmark = pytest.mark.parametrize("library", ["postgresql"], indirect=True)

FIRST, SECOND = "The first paragraph is here.", "The second paragraph follows it."


@pytest.fixture
def story_slug(library: Library, newsroom: Newsroom) -> str:
    """The newsroom's story, with its photo as the lead and in the body."""
    with library.transaction() as session:
        story = session.get(Article, newsroom.story)
        story.feature_photo_id = newsroom.photo
        story.body = f"{FIRST}\n\n![A river](photo:{newsroom.photo})\n\n{SECOND}"
        return story.slug


@pytest.fixture
def taken(library: Library, story_slug: str, new_library_file) -> Library:
    """An existing library file with the story taken out into it; open for the offline reporter."""
    path = new_library_file()
    take_out_to_file(library, path, [story_slug])
    opened = open_library(path, user="Olena Koval")
    yield opened
    opened.close()


def edit(where: Library, slug: str, **changes: str) -> None:
    """Save changed fields of an article, as a desk does."""
    with where.session() as session:
        article_id = find_article(session, slug).id
    state = open_article(where, article_id).state
    save_article(where, article_id, replace(state, **changes))


def state_of(where: Library, slug: str) -> ArticleState:
    with where.session() as session:
        return article_state(find_article(session, slug))


def stored(where: Library, slug: str) -> Article:
    with where.session() as session:
        article = find_article(session, slug)
        session.expunge(article)
        return article


def test_take_out_makes_a_file_with_the_article_its_photo_authors_section_and_tags(
    library: Library, story_slug: str, tmp_path: Path
) -> None:
    report = take_out_to_file(library, tmp_path / "offline.wslib", [story_slug])

    assert (report.articles, report.photos, report.authors) == ((story_slug,), 1, 2)
    with library.session() as server, open_library(tmp_path / "offline.wslib") as taken, taken.session() as local:
        remote, copy = find_article(server, story_slug), find_article(local, story_slug)
        remote_photo, local_photo = remote.feature_photo, copy.feature_photo
        assert (copy.headline, copy.dek) == (remote.headline, remote.dek)
        assert copy.body == remote.body.replace(f"photo:{remote_photo.id}", f"photo:{local_photo.id}")
        assert local_photo.sha256 == remote_photo.sha256 and local_photo.credit_line == "Workstation Agency"
        assert load_original(local, local_photo.id) == load_original(server, remote_photo.id)
        assert [a.slug for a in copy.authors] == [a.slug for a in remote.authors]
        assert copy.section.slug == remote.section.slug
        assert sorted(t.name for t in copy.tags) == sorted(t.name for t in remote.tags)


def test_edits_to_different_paragraphs_on_both_sides_merge(library: Library, story_slug: str, taken: Library) -> None:
    body = stored(taken, story_slug).body
    edit(taken, story_slug, body=body.replace(FIRST, "The first paragraph, rewritten on the train."))
    edit(library, story_slug, body=stored(library, story_slug).body.replace(SECOND, "The desk sharpened the second."))

    report = bring_back(taken, library)

    assert [(o.name, o.outcome) for o in report.articles] == [(story_slug, MERGED)]
    merged = stored(library, story_slug).body
    assert "rewritten on the train" in merged and "The desk sharpened the second." in merged


def test_an_offline_edit_to_an_untouched_article_comes_in(library: Library, story_slug: str, taken: Library) -> None:
    edit(taken, story_slug, dek="Crews worked through the night and the morning.")

    assert [o.outcome for o in bring_back(taken, library).articles] == [BROUGHT]
    assert stored(library, story_slug).dek == "Crews worked through the night and the morning."


def test_conflicting_edits_keep_the_newsrooms_text_and_both_sides_as_revisions(
    library: Library, story_slug: str, taken: Library
) -> None:
    edit(taken, story_slug, body=stored(taken, story_slug).body.replace(FIRST, "Offline words for the opening."))
    library.user = "Marta Desk"
    edit(library, story_slug, body=stored(library, story_slug).body.replace(FIRST, "Desk words for the opening."))
    library.user = "Olena Koval"

    report = bring_back(taken, library)

    assert [o.outcome for o in report.articles] == [CONFLICTED]
    assert "body" in report.articles[0].detail
    article = stored(library, story_slug)
    assert "Desk words for the opening." in article.body
    with library.session() as session:
        kept = session.scalars(
            select(Revision).where(Revision.article_id == article.id, Revision.reason == "conflict")
        ).all()
    sides = {revision.by_user: revision.body for revision in kept}
    assert "Offline words for the opening." in sides["Olena Koval"]
    assert "Desk words for the opening." in sides["Marta Desk"]


def test_a_second_bring_back_changes_nothing(library: Library, story_slug: str, taken: Library) -> None:
    edit(taken, story_slug, body=stored(taken, story_slug).body.replace(FIRST, "Offline opening."))
    edit(library, story_slug, body=stored(library, story_slug).body.replace(FIRST, "Desk opening."))
    bring_back(taken, library)
    before = stored(library, story_slug)
    with library.session() as session:
        revisions = session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1))

    again = bring_back(taken, library)

    assert [o.outcome for o in again.articles] == [UNCHANGED]
    after = stored(library, story_slug)
    assert (after.version, after.body) == (before.version, before.body)
    with library.session() as session:
        assert session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1)) == revisions


def test_a_photo_and_an_article_made_offline_come_along(
    library: Library, story_slug: str, taken: Library, tmp_path: Path
) -> None:
    picture = tmp_path / "checkpoint.jpg"
    Image.new("RGB", (300, 200), (200, 60, 30)).save(picture, "JPEG")
    with taken.transaction() as session:
        photo, _new = add_photo(session, ingest_file(picture))
        photo_id = photo.id
    article_id = create_article(taken)
    state = open_article(taken, article_id).state
    save_article(taken, article_id, replace(state, headline="Checkpoint queues grow", body=f"![Queue](photo:{photo_id})"))

    report = bring_back(taken, library)

    assert (report.articles[-1].name, report.articles[-1].outcome) == ("checkpoint-queues-grow", NEW)
    assert report.photos_added == 1
    with library.session() as session:
        came = find_article(session, "checkpoint-queues-grow")
        server_photo = session.scalars(select(Photo).where(Photo.sha256 == hashlib.sha256(picture.read_bytes()).hexdigest())).one()
        assert came.body == f"![Queue](photo:{server_photo.id})"
    assert [o.outcome for o in bring_back(taken, library).articles] == [UNCHANGED, UNCHANGED]


def test_a_new_offline_article_whose_slug_the_newsroom_uses_comes_in_under_another(
    library: Library, newsroom: Newsroom, story_slug: str, taken: Library
) -> None:
    article_id = create_article(taken)
    state = open_article(taken, article_id).state
    save_article(taken, article_id, replace(state, headline="Written offline", slug=newsroom.other_slug))

    outcome = bring_back(taken, library).articles[-1]

    assert outcome.outcome == NEW and outcome.name == f"{newsroom.other_slug}-2"
    assert f"came in as '{newsroom.other_slug}-2'" in outcome.detail
    assert stored(library, f"{newsroom.other_slug}-2").headline == "Written offline"
    assert stored(library, newsroom.other_slug).headline == "Bridge reopens to traffic"


def test_a_file_that_was_not_taken_out_is_refused_and_nothing_changes(
    library: Library, story_slug: str, new_library_file
) -> None:
    before = state_of(library, story_slug)
    with open_library(new_library_file()) as plain:
        with pytest.raises(ValidationError, match="nothing in it was taken out of a newsroom"):
            bring_back(plain, library)
    assert state_of(library, story_slug) == before


def test_a_file_is_refused_by_a_newsroom_it_did_not_come_from(
    library: Library, story_slug: str, taken: Library, new_newsroom_url
) -> None:
    edit(taken, story_slug, dek="Changed offline")
    with open_library(new_newsroom_url()) as elsewhere:
        with pytest.raises(ValidationError, match="was taken out of .*, not "):
            bring_back(taken, elsewhere)
        with elsewhere.session() as session:
            assert session.scalars(select(Article)).first() is None


def test_a_missing_slug_takes_nothing_out(library: Library, story_slug: str, tmp_path: Path) -> None:
    folder = tmp_path / "laptop"
    folder.mkdir()
    with pytest.raises(ValidationError, match="no article with the slug 'no-such-story'"):
        take_out_to_file(library, folder / "offline.wslib", [story_slug, "no-such-story"])
    assert list(folder.iterdir()) == []


def caption(where: Library, slug: str) -> str:
    with where.session() as session:
        return find_article(session, slug).feature_photo.caption


def set_caption(where: Library, slug: str, text: str) -> None:
    with where.session() as session:
        photo_id = find_article(session, slug).feature_photo_id
    save_photo_fields(where, photo_id, {"caption": text})


def test_a_caption_written_offline_comes_back(library: Library, story_slug: str, taken: Library) -> None:
    set_caption(taken, story_slug, "Dawn over the river districts, written on the train")

    report = bring_back(taken, library)

    assert report.record_notes == ()
    assert caption(library, story_slug) == "Dawn over the river districts, written on the train"


def test_a_caption_changed_on_both_sides_keeps_the_newsrooms_and_says_so(
    library: Library, story_slug: str, taken: Library
) -> None:
    set_caption(taken, story_slug, "Offline caption")
    set_caption(library, story_slug, "Desk caption")

    report = bring_back(taken, library)

    assert [(note.outcome, note.detail) for note in report.record_notes] == [
        (CONFLICTED, "caption changed on both sides; the newsroom's kept")
    ]
    assert caption(library, story_slug) == "Desk caption"


def test_an_offline_caption_that_loses_is_kept_in_the_newsroom_as_an_earlier_version(
    library: Library, story_slug: str, taken: Library, newsroom: Newsroom
) -> None:
    set_caption(taken, story_slug, "Offline caption")
    set_caption(library, story_slug, "Desk caption")

    bring_back(taken, library)

    (kept,) = kept_versions(library, "photo", newsroom.photo)
    assert (kept.reason, kept.by_user, kept.fields) == ("offline", library.user, {"caption": "Offline caption"})


def test_an_offline_author_field_that_loses_is_kept_and_the_rest_comes_back(
    library: Library, story_slug: str, taken: Library
) -> None:
    with taken.transaction() as session:
        author = find_article(session, story_slug).authors[0]
        update_author(session, author, role="Offline role", location="Kharkiv")
        author_id = author.id
    with library.transaction() as session:
        update_author(session, session.get(Author, author_id), role="Desk role")

    bring_back(taken, library)

    (kept,) = kept_versions(library, "author", author_id)
    assert (kept.reason, kept.fields) == ("offline", {"role": "Offline role"})
    with library.session() as session:
        assert (session.get(Author, author_id).role, session.get(Author, author_id).location) == ("Desk role", "Kharkiv")


def test_an_author_profile_edited_offline_comes_back(library: Library, story_slug: str, taken: Library) -> None:
    with taken.transaction() as session:
        author = find_article(session, story_slug).authors[0]
        update_author(session, author, role="Correspondent, eastern regions")
        slug = author.slug

    bring_back(taken, library)

    with library.session() as session:
        assert find_author(session, slug).role == "Correspondent, eastern regions"


def test_a_new_file_gets_the_newsrooms_site_settings_and_a_reporters_own_library_keeps_its(
    library: Library, story_slug: str, newsroom: Newsroom, tmp_path: Path, new_library_file
) -> None:
    with library.transaction() as session:
        site = load_settings(session)
        site.site_name = "The River Desk"
        save_settings(session, site)
    own = new_library_file(tmp_path / "own.wslib")
    with open_library(own) as mine, mine.transaction() as session:
        new_article(session, "My own notes")

    take_out_to_file(library, tmp_path / "fresh.wslib", [story_slug])
    take_out_to_file(library, own, [newsroom.other_slug])

    for path, name in ((tmp_path / "fresh.wslib", "The River Desk"), (own, SiteSettings().site_name)):
        with open_library(path) as taken, taken.session() as session:
            assert load_settings(session).site_name == name
