"""The grid's listing as a packed array: the same ids, in the same order, as the plain listing."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFilter, PhotoSort, photo_id_array, photo_ids

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 25)


@pytest.fixture
def shoot(library: Library, add_photo: Callable[..., int]) -> Library:
    """Dated and undated photos imported out of date order, some captioned "harbour", some rated."""
    for n in range(40):
        add_photo(
            date_taken=None if n % 7 == 0 else datetime(2020 + n % 5, 1 + n % 12, 1 + n % 27, tzinfo=UTC),
            imported_at=datetime(2026, 1, 1 + (n * 13) % 28, tzinfo=UTC),
            caption="harbour crane" if n % 3 == 0 else "field",
            rating=n % 6,
        )
    return library


@pytest.mark.parametrize(
    "flt",
    [
        PhotoFilter(),
        PhotoFilter(sort=PhotoSort.IMPORTED),
        PhotoFilter(query="harbour"),
        PhotoFilter(min_rating=3, sort=PhotoSort.IMPORTED),
        PhotoFilter(unused=True),
    ],
    ids=["taken", "imported", "search", "rating", "unused"],
)
def test_the_packed_listing_holds_the_listing_in_its_order(shoot: Library, flt: PhotoFilter) -> None:
    with shoot.session() as session:
        packed = photo_id_array(session, flt, today=TODAY)
        assert isinstance(packed, array) and packed.typecode == "q"
        assert list(packed) == photo_ids(session, flt, today=TODAY)


def test_an_empty_listing_is_an_empty_array(shoot: Library) -> None:
    with shoot.session() as session:
        assert list(photo_id_array(session, PhotoFilter(query="nowhere"), today=TODAY)) == []
