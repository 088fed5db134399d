"""What the navigator and the pickers list."""

from __future__ import annotations

from workstation.editing import choices


def test_the_navigator_lists_filtered_articles_with_the_total(library, newsroom):
    listed = choices.article_list(library, status="published")
    assert [row.id for row in listed.rows] == [newsroom.other] and listed.total == 1
    assert choices.article_list(library, limit=2).total == 3


def test_related_articles_leave_out_the_one_being_written(library, newsroom):
    found = choices.related_articles(library, "", newsroom.story, 50)
    assert newsroom.story not in [row.id for row in found]
    assert newsroom.other_slug in [row.slug for row in found]


def test_the_photo_picker_offers_photos_with_their_thumbnails(library, newsroom):
    found = choices.photo_choices(library, "", 10)
    assert [photo.id for photo in found] == [newsroom.photo]
    assert found[0].thumbnail
