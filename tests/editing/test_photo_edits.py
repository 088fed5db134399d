"""The photo desk's writes without Qt: field edits, focal points, batch edits and their undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from workstation.editing.photos import (
    apply_batch,
    batch_form,
    photo_usages,
    save_photo_fields,
    set_focal_point,
    template_sample,
    undo_batch,
)
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Article, Photo

pytestmark = pytest.mark.both_backends

AddPhoto = Callable[..., int]


def values(library: Library, photo_id: int, *names: str) -> tuple[Any, ...]:
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        return tuple(getattr(photo, name) for name in names)


def test_a_field_edit_is_stored_and_the_stored_value_returned(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    saved = save_photo_fields(library, photo, {"caption": "  Trams in snow \r\n", "rights_expiry": "2031-01-31"})
    assert saved.values == {"caption": "Trams in snow", "rights_expiry": date(2031, 1, 31)}
    assert values(library, photo, "caption", "rights_expiry") == ("Trams in snow", date(2031, 1, 31))


def test_a_refused_value_changes_nothing(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(caption="Kept")
    with pytest.raises(ValidationError, match="credit line"):
        save_photo_fields(library, photo, {"caption": "New", "credit_line": "two\nlines"})
    assert values(library, photo, "caption") == ("Kept",)


def test_a_focal_point_is_stored_and_one_outside_the_frame_refused(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    set_focal_point(library, photo, 0.8, 0.25)
    with pytest.raises(ValidationError, match="focal point"):
        set_focal_point(library, photo, 1.5, 0.5)
    assert values(library, photo, "focal_x", "focal_y") == (0.8, 0.25)


def test_undoing_a_batch_edit_restores_every_photos_exact_previous_values(library: Library, add_photo: AddPhoto) -> None:
    first = add_photo(creator="Ann", credit_line="", caption="Trams", city="Kyiv")
    second = add_photo(creator="Bo", credit_line="AFP", caption="Snow", city="Lviv")
    applied = apply_batch(library, [first, second], {"credit_line": "Pool", "creator": "Staff"}, "{city}: {caption}")
    assert applied.changed == 2
    assert values(library, first, "creator", "credit_line", "caption") == ("Staff", "Pool", "Kyiv: Trams")
    assert undo_batch(library, applied.undo) == 2
    assert values(library, first, "creator", "credit_line", "caption") == ("Ann", "", "Trams")
    assert values(library, second, "creator", "credit_line", "caption") == ("Bo", "AFP", "Snow")


def test_undo_leaves_fields_the_batch_did_not_touch_as_edited_since(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(credit_line="Old", alt_text="")
    applied = apply_batch(library, [photo], {"credit_line": "New"})
    save_photo_fields(library, photo, {"alt_text": "A tram"})
    undo_batch(library, applied.undo)
    assert values(library, photo, "credit_line", "alt_text") == ("Old", "A tram")


def test_undo_skips_photos_deleted_since(library: Library, add_photo: AddPhoto) -> None:
    kept, gone = add_photo(creator="A"), add_photo(creator="B")
    applied = apply_batch(library, [kept, gone], {"creator": "C"})
    with library.transaction() as session:
        session.delete(session.get(Photo, gone))
    assert undo_batch(library, applied.undo) == 1
    assert values(library, kept, "creator") == ("A",)


def test_a_refused_template_changes_no_photo_at_all(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(caption="Kept", creator="Ann")
    with pytest.raises(ValidationError, match="town"):
        apply_batch(library, [photo], {"creator": "New"}, "{town}: {caption}")
    assert values(library, photo, "caption", "creator") == ("Kept", "Ann")


def test_a_batch_with_nothing_ticked_is_refused(library: Library, add_photo: AddPhoto) -> None:
    with pytest.raises(ValidationError, match="tick at least one field"):
        apply_batch(library, [add_photo()], {})


def test_the_template_sample_shows_what_the_first_photo_becomes(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(caption="Trams", city="Kyiv")
    form = batch_form(library, [photo])
    assert template_sample("{city}: {caption}", form.sample) == "Kyiv: Trams"


def test_where_used_names_the_articles_using_a_photo(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    with library.transaction() as session:
        session.add(Article(slug="flood", headline="Flood", feature_photo_id=photo))
        session.add(Article(slug="other", headline="Other", body=f"![A](photo:{photo})"))
    assert sorted((u.slug, u.as_lead, u.in_body) for u in photo_usages(library, photo)) == [
        ("flood", True, False),
        ("other", False, True),
    ]
