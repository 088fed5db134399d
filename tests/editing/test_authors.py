"""Author edits through the application layer: saved whole or refused whole, with the field named."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from workstation.editing import authors
from workstation.editing.authors import AuthorRefused
from workstation.errors import ValidationError
from workstation.library.database import open_library


def _jpeg(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _profile_on_disk(path, author_id):
    with open_library(path, readonly=True) as lib:
        return authors.open_profile(lib, author_id)


def test_a_new_profile_is_in_the_file_when_save_returns(library):
    author_id = authors.save_profile(library, None, {"name": "Olena Koval", "role": "Reporter"})
    profile = _profile_on_disk(library.path, author_id)
    assert (profile.fields["name"], profile.fields["slug"], profile.fields["role"]) == (
        "Olena Koval", "olena-koval", "Reporter",
    )


def test_a_refused_field_leaves_the_stored_profile_as_it_was(library):
    author_id = authors.save_profile(library, None, {"name": "Olena Koval", "bio": "Covers energy."})
    with pytest.raises(AuthorRefused) as refused:
        authors.save_profile(library, author_id, {"name": "Olena K.", "bio": "New bio", "email": "not an address"})
    assert refused.value.field == "email"
    profile = _profile_on_disk(library.path, author_id)
    assert (profile.fields["name"], profile.fields["bio"]) == ("Olena Koval", "Covers energy.")


def test_a_taken_slug_is_refused_naming_the_slug_field(library):
    authors.save_profile(library, None, {"name": "Olena Koval"})
    other = authors.save_profile(library, None, {"name": "Taras Bondar"})
    with pytest.raises(AuthorRefused) as refused:
        authors.save_profile(library, other, {"name": "Taras Bondar", "slug": "olena-koval"})
    assert refused.value.field == "slug" and "already used by Olena Koval" in str(refused.value)


def test_a_bad_social_link_names_its_row(library):
    links = [{"label": "Site", "url": "https://example.org"}, {"label": "Evil", "url": "javascript:alert(1)"}]
    with pytest.raises(AuthorRefused) as refused:
        authors.save_profile(library, None, {"name": "Olena Koval", "social_links": links})
    assert (refused.value.field, refused.value.row) == ("links", 2)


def test_an_empty_name_is_refused_naming_the_name_field(library):
    with pytest.raises(AuthorRefused) as refused:
        authors.save_profile(library, None, {"name": "   "})
    assert refused.value.field == "name"


def test_an_avatar_is_saved_with_the_profile_and_can_be_removed(library):
    author_id = authors.save_profile(library, None, {"name": "Olena Koval"}, avatar_changed=True, avatar=_jpeg())
    assert _profile_on_disk(library.path, author_id).avatar is not None
    authors.save_profile(library, author_id, {"name": "Olena Koval"}, avatar_changed=True, avatar=None)
    assert _profile_on_disk(library.path, author_id).avatar is None


def test_the_typed_checks_are_the_saving_rules(library):
    assert authors.field_problem("email", "olena@example.org") is None
    assert authors.field_problem("email", "nobody at all")
    assert authors.field_problem("website", "ftp://example.org")
    assert authors.field_problem("bio", "x" * 20_001) == "bio is 20,001 characters; the limit is 20,000"


def test_the_slug_hint_names_the_author_holding_the_address(library):
    olena = authors.save_profile(library, None, {"name": "Olena Koval"})
    hint = authors.slug_hint(library, "Olena Koval", None)
    assert (hint.slug, hint.taken_by) == ("olena-koval", "Olena Koval")
    assert hint.address.endswith("olena-koval/")
    assert authors.slug_hint(library, "olena-koval", olena).taken_by is None
    assert authors.suggested_slug(library, "Olena Koval") == "olena-koval-2"


def test_merge_moves_the_bylines_and_removes_the_duplicate(library, newsroom):
    olena, taras = newsroom.authors
    authors.merge_authors(library, olena, taras)
    listed = authors.author_list(library)
    assert [(row.name, row.article_count) for row in listed.rows] == [("Olena Koval", 1)]


def test_an_author_on_articles_cannot_be_deleted_without_a_new_home(library, newsroom):
    olena, taras = newsroom.authors
    with pytest.raises(ValidationError, match="choose an author"):
        authors.delete_author(library, taras, None)
    authors.delete_author(library, taras, olena)
    assert [row.id for row in authors.author_list(library).everyone] == [olena]


def test_a_search_lists_the_matches_and_still_offers_everyone(library, newsroom):
    listed = authors.author_list(library, "Taras")
    assert [row.name for row in listed.rows] == ["Taras Bondar"]
    assert [row.name for row in listed.everyone] == ["Olena Koval", "Taras Bondar"]


def test_a_deleted_author_cannot_be_opened(library):
    with pytest.raises(ValidationError, match="no longer in the library"):
        authors.open_profile(library, 4242)


def test_a_profile_is_unsaved_only_when_a_field_or_the_avatar_differs(library):
    author_id = authors.save_profile(library, None, {"name": "Olena Koval", "role": "Reporter"})
    stored = authors.open_profile(library, author_id).fields
    assert not authors.profile_unsaved(stored, dict(stored), avatar_changed=False)
    assert authors.profile_unsaved(stored, {**stored, "role": "Editor"}, avatar_changed=False)
    assert authors.profile_unsaved(stored, dict(stored), avatar_changed=True)


def test_an_empty_new_profile_is_not_unsaved(library):
    blank = {"name": "", "role": "", "email": "", "website": "", "location": "", "social_links": [], "bio": ""}
    assert not authors.profile_unsaved(None, blank, avatar_changed=False)
    assert authors.profile_unsaved(None, {**blank, "name": "Olena"}, avatar_changed=False)
