"""Editing photo records: one photo, a selection, caption templates; bad values change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.library.photo_queries import (
    apply_caption_template,
    batch_edit,
    edit_photo,
    photo_fields,
)


def record(library: Library, photo_id: int) -> Photo:
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        session.expunge(photo)
        return photo


def test_edit_stores_trimmed_fields(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo()
    with library.transaction() as session:
        edit_photo(
            session,
            photo,
            {
                "caption": "  Line one\r\nline two  ",
                "creator": " Olena ",
                "rights_expiry": "2027-01-31",
            },
        )
    stored = record(library, photo)
    assert (stored.caption, stored.creator, stored.rights_expiry) == (
        "Line one\nline two",
        "Olena",
        date(2027, 1, 31),
    )


def test_clearing_rights_expiry_stores_none(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(rights_expiry=date(2027, 1, 1))
    with library.transaction() as session:
        edit_photo(session, photo, {"rights_expiry": None})
    assert record(library, photo).rights_expiry is None


def test_focal_point_is_stored(library: Library, add_photo: Callable[..., int]) -> None:
    photo = add_photo()
    with library.transaction() as session:
        edit_photo(session, photo, {"focal_x": 0.2, "focal_y": 0.9})
    assert (record(library, photo).focal_x, record(library, photo).focal_y) == (
        0.2,
        0.9,
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"creator": "A\nB"},
        {"caption": "nul\x00byte"},
        {"credit_line": "x" * 501},
        {"caption": "x" * 10_001},
        {"caption": 42},
        {"rights_expiry": "next Tuesday"},
        {"rights_expiry": 20270101},
        {"date_taken": "yesterday"},
        {"focal_x": 1.5},
        {"focal_y": float("nan")},
        {"focal_x": True},
        {"sha256": "0" * 64},
        {"id": 7},
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    library: Library, add_photo: Callable[..., int], changes: dict[str, object]
) -> None:
    photo = add_photo(caption="Before", creator="Before")
    with pytest.raises(ValidationError), library.transaction() as session:
        edit_photo(session, photo, {"caption": "After", **changes})
    assert record(library, photo).caption == "Before"


def test_editing_a_deleted_photo_is_a_clear_error(library: Library) -> None:
    with (
        pytest.raises(ValidationError, match="no longer in the library"),
        library.transaction() as session,
    ):
        edit_photo(session, 4242, {"caption": "x"})


def test_batch_edit_sets_rights_fields_on_every_selected_photo(
    library: Library, add_photo: Callable[..., int]
) -> None:
    chosen = [add_photo(), add_photo()]
    other = add_photo(credit_line="Own")
    with library.transaction() as session:
        changed = batch_edit(
            session,
            chosen,
            {"credit_line": "Pool via AP", "usage_terms": "Editorial use only"},
        )
    assert changed == 2
    assert {record(library, p).credit_line for p in chosen} == {"Pool via AP"}
    assert record(library, other).credit_line == "Own"


def test_batch_edit_refuses_fields_that_differ_per_photo(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(caption="Mine")
    with (
        pytest.raises(ValidationError, match="cannot be applied to a selection"),
        library.transaction() as session,
    ):
        batch_edit(session, [photo], {"caption": "Same for all"})
    assert record(library, photo).caption == "Mine"


def test_batch_edit_with_a_vanished_photo_changes_none(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(creator="Before")
    with (
        pytest.raises(ValidationError, match="no longer in the library"),
        library.transaction() as session,
    ):
        batch_edit(session, [photo, 999_999], {"creator": "After"})
    assert record(library, photo).creator == "Before"


def test_caption_template_is_filled_per_photo(
    library: Library, add_photo: Callable[..., int]
) -> None:
    kyiv = add_photo(
        caption="Trams", city="Kyiv", date_taken=datetime(2026, 2, 1, tzinfo=UTC)
    )
    lviv = add_photo(
        caption="Snow", city="Lviv", date_taken=datetime(2026, 2, 2, tzinfo=UTC)
    )
    with library.transaction() as session:
        apply_caption_template(
            session, [kyiv, lviv], "{city}, {date_taken:%d %B %Y}: {caption}"
        )
    assert record(library, kyiv).caption == "Kyiv, 01 February 2026: Trams"
    assert record(library, lviv).caption == "Lviv, 02 February 2026: Snow"


def test_caption_template_too_long_for_one_photo_changes_none(
    library: Library, add_photo: Callable[..., int]
) -> None:
    short = add_photo(caption="Short")
    long = add_photo(caption="y" * 6_000)
    with pytest.raises(ValidationError), library.transaction() as session:
        apply_caption_template(session, [short, long], "{caption} {caption}")
    assert record(library, short).caption == "Short"


def test_unknown_placeholder_in_a_template_changes_nothing(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(caption="Kept")
    with (
        pytest.raises(ValidationError, match="unknown placeholder"),
        library.transaction() as session,
    ):
        apply_caption_template(session, [photo], "{town}: {caption}")
    assert record(library, photo).caption == "Kept"


def test_photo_fields_are_detached_from_the_session(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(caption="Детачед", embedded_metadata={"IPTC:City": "Odesa"})
    with library.session() as session:
        fields = photo_fields(session, photo)
    assert fields.values["caption"] == "Детачед"
    assert fields.embedded_metadata == {"IPTC:City": "Odesa"}
