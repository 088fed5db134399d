"""Culling on the desk: marks set on a selection, and the grid filtered by rating, label and pick."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workstation.editing.photos import grid_ids, grid_page, mark_photos
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFilter, PhotoSort
from workstation.photos.culling import PICKED, REJECTED


@pytest.fixture
def frames(library: Library, add_photo: Callable[..., int]) -> list[int]:
    ids = [add_photo() for _ in range(4)]
    mark_photos(library, ids[:2], rating=3)
    mark_photos(library, [ids[1]], rating=5, label="Red", pick=PICKED)
    mark_photos(library, [ids[2]], label="Green", pick=REJECTED)
    return ids


def listed(library: Library, **flt: object) -> list[int]:
    return sorted(grid_ids(library, PhotoFilter(sort=PhotoSort.IMPORTED, **flt)))


def test_filters_by_least_rating(library: Library, frames: list[int]) -> None:
    assert listed(library, min_rating=3) == frames[:2]
    assert listed(library, min_rating=4) == [frames[1]]


def test_filters_by_label_and_by_no_label(library: Library, frames: list[int]) -> None:
    assert listed(library, label="Green") == [frames[2]]
    assert listed(library, label="") == [frames[0], frames[3]]


def test_filters_by_pick_and_reject(library: Library, frames: list[int]) -> None:
    assert listed(library, pick=PICKED) == [frames[1]]
    assert listed(library, pick=REJECTED) == [frames[2]]


def test_grid_cells_carry_the_marks(library: Library, frames: list[int]) -> None:
    summaries, _ = grid_page(library, frames, [])
    assert (summaries[frames[1]].rating, summaries[frames[1]].label, summaries[frames[1]].pick) == (5, "Red", PICKED)


def test_a_bad_rating_changes_no_photo(library: Library, frames: list[int]) -> None:
    with pytest.raises(ValidationError, match="0 to 5 stars"):
        mark_photos(library, frames, rating=6)
    assert listed(library, min_rating=3) == frames[:2]
