"""Photo and author edits saved against the values the desk loaded: others' changes kept, differing ones refused."""

from __future__ import annotations

import pytest

from workstation.editing import authors, photos

pytestmark = pytest.mark.both_backends


def _photo_values(library, photo_id, *names):
    values = photos.photo_details(library, photo_id).fields.values
    return {name: values[name] for name in names}


def test_a_photo_edit_keeps_a_field_someone_else_changed_meanwhile(library, newsroom, other_desk):
    base = _photo_values(library, newsroom.photo, "caption", "creator")
    photos.save_photo_fields(other_desk, newsroom.photo, {"creator": "Olena Marchenko"})
    saved = photos.save_photo_fields(library, newsroom.photo, {"caption": "Dawn over the river"}, base=base)
    assert not saved.conflicts
    assert _photo_values(library, newsroom.photo, "caption", "creator") == {
        "caption": "Dawn over the river", "creator": "Olena Marchenko"}


def test_a_photo_field_both_changed_differently_is_left_as_stored_and_handed_back(library, newsroom, other_desk):
    base = _photo_values(library, newsroom.photo, "caption", "alt_text")
    photos.save_photo_fields(other_desk, newsroom.photo, {"caption": "Their caption"})
    saved = photos.save_photo_fields(library, newsroom.photo, {"caption": "My caption", "alt_text": "Mine"}, base=base)
    (conflict,) = saved.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == ("caption", "My caption", "Their caption")
    assert saved.merged is not None and saved.merged.user == "Olena Marchenko"
    assert _photo_values(library, newsroom.photo, "caption", "alt_text") == {"caption": "Their caption", "alt_text": "Mine"}


def test_a_profile_edit_merges_the_bio_by_paragraphs_and_keeps_their_other_fields(library, newsroom, other_desk):
    author_id = newsroom.authors[0]
    authors.save_profile(library, author_id, {**authors.open_profile(library, author_id).fields,
                                              "bio": "First.\n\nSecond."})
    base = authors.open_profile(library, author_id).fields
    theirs = {**base, "bio": "First.\n\nSecond, theirs.", "role": "Editor"}
    authors.save_profile(other_desk, author_id, theirs, base=base)
    authors.save_profile(library, author_id, {**base, "bio": "First, mine.\n\nSecond."}, base=base)
    stored = authors.open_profile(library, author_id).fields
    assert stored["bio"] == "First, mine.\n\nSecond, theirs." and stored["role"] == "Editor"


def test_a_profile_field_both_changed_differently_saves_nothing_until_saved_again(library, newsroom, other_desk):
    author_id = newsroom.authors[0]
    base = authors.open_profile(library, author_id).fields
    authors.save_profile(other_desk, author_id, {**base, "role": "Their role"}, base=base)
    mine = {**base, "role": "My role", "location": "Lviv"}
    with pytest.raises(authors.AuthorConflict, match="Olena Marchenko changed role") as refused:
        authors.save_profile(library, author_id, mine, base=base)
    assert authors.open_profile(library, author_id).fields["role"] == "Their role"
    assert authors.open_profile(library, author_id).fields["location"] == ""
    authors.save_profile(library, author_id, mine, base=refused.value.stored)
    assert authors.open_profile(library, author_id).fields["role"] == "My role"
