"""Nothing is dropped for photos and authors either: the losing side of a field conflict is kept, listed and restorable."""

from __future__ import annotations

import pytest

from workstation.editing import authors, kept_versions, photos

pytestmark = pytest.mark.both_backends


def _caption(library, photo_id):
    return photos.photo_details(library, photo_id).fields.values["caption"]


def test_a_photo_caption_that_loses_is_kept_as_an_earlier_version_by_its_writer(library, newsroom, other_desk):
    base = {"caption": _caption(library, newsroom.photo)}
    photos.save_photo_fields(other_desk, newsroom.photo, {"caption": "Their caption"})
    saved = photos.save_photo_fields(library, newsroom.photo, {"caption": "My caption"}, base=base)
    assert "Your caption was kept as an earlier version" in saved.conflict_note()
    (kept,) = kept_versions.kept_versions(library, "photo", newsroom.photo)
    assert (kept.id, kept.reason, kept.by_user, kept.fields) == (
        saved.kept_id, "conflict", "Taras Bondar", {"caption": "My caption"})


def test_a_photo_edit_without_a_conflict_keeps_no_version(library, newsroom):
    base = {"caption": _caption(library, newsroom.photo)}
    saved = photos.save_photo_fields(library, newsroom.photo, {"caption": "Mine alone"}, base=base)
    assert saved.kept_id is None and kept_versions.kept_versions(library, "photo", newsroom.photo) == []


def test_restoring_a_kept_caption_puts_it_back_and_keeps_the_one_it_replaces(library, newsroom, other_desk):
    base = {"caption": _caption(library, newsroom.photo)}
    photos.save_photo_fields(other_desk, newsroom.photo, {"caption": "Their caption"})
    saved = photos.save_photo_fields(library, newsroom.photo, {"caption": "My caption"}, base=base)
    assert kept_versions.restore_kept(library, saved.kept_id) == {"caption": "My caption"}
    assert _caption(library, newsroom.photo) == "My caption"
    replaced, _mine = kept_versions.kept_versions(library, "photo", newsroom.photo)
    assert (replaced.reason, replaced.fields) == ("restore", {"caption": "Their caption"})


def test_an_author_field_that_loses_is_kept_though_the_profile_is_not_saved(library, newsroom, other_desk):
    author_id = newsroom.authors[0]
    base = authors.open_profile(library, author_id).fields
    authors.save_profile(other_desk, author_id, {**base, "bio": "Their bio."}, base=base)
    with pytest.raises(authors.AuthorConflict, match="Your bio was kept as an earlier version") as refused:
        authors.save_profile(library, author_id, {**base, "bio": "My bio.", "location": "Lviv"}, base=base)
    (kept,) = kept_versions.kept_versions(library, "author", author_id)
    assert (kept.id, kept.fields, kept.by_user) == (refused.value.kept_id, {"bio": "My bio."}, "Taras Bondar")
    assert authors.open_profile(library, author_id).fields["location"] == ""
    kept_versions.restore_kept(library, kept.id)
    assert authors.open_profile(library, author_id).fields["bio"] == "My bio."


def test_a_kept_version_reads_when_who_and_what(library, newsroom, other_desk):
    base = {"caption": _caption(library, newsroom.photo)}
    photos.save_photo_fields(other_desk, newsroom.photo, {"caption": "Their caption"})
    photos.save_photo_fields(library, newsroom.photo, {"caption": "My caption"}, base=base)
    (kept,) = kept_versions.kept_versions(library, "photo", newsroom.photo)
    assert kept.summary().endswith("· Taras Bondar · caption (lost to a change made meanwhile)")
