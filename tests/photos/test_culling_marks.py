"""Culling marks read from XMP at import and written back by "Export originals", checked with ExifTool."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from workstation.editing.originals import export_originals
from workstation.editing.photos import mark_photos
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.library.photos import add_photo
from workstation.photos.culling import PICKED, REJECTED, UNMARKED
from workstation.photos.ingest import ingest_bytes

Tags = Callable[[bytes], dict[str, Any]]


def imported(library: Library, data: bytes) -> Photo:
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(data, "frame.jpg"))
        session.expunge(photo)
        return photo


def test_rating_and_label_are_read_from_xmp(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    photo = imported(library, tagged_jpeg("-XMP-xmp:Rating=4", "-XMP-xmp:Label=green"))
    assert (photo.rating, photo.color_label, photo.pick) == (4, "Green", UNMARKED)


def test_a_rating_of_minus_one_is_a_reject(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    photo = imported(library, tagged_jpeg("-XMP-xmp:Rating=-1"))
    assert (photo.rating, photo.pick) == (0, REJECTED)


def test_photo_mechanic_s_tag_is_a_pick(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    photo = imported(library, tagged_jpeg("-XMP-photomech:Tagged=Yes", "-XMP-xmp:Rating=2"))
    assert (photo.rating, photo.pick) == (2, PICKED)


def test_a_file_without_marks_is_unmarked(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    photo = imported(library, tagged_jpeg())
    assert (photo.rating, photo.color_label, photo.pick) == (0, "", UNMARKED)


def test_export_originals_writes_the_marks_set_on_the_desk(
    library: Library, tagged_jpeg: Callable[..., bytes], tags: Tags, tmp_path: Path
) -> None:
    photo = imported(library, tagged_jpeg())
    mark_photos(library, [photo.id], rating=5, label="Red", pick=PICKED)
    report = export_originals(library, [photo.id], tmp_path)
    found = tags(report.written[0].read_bytes())
    assert found["XMP-xmp:Rating"] == 5
    assert found["XMP-xmp:Label"] == "Red"
    assert found["XMP-photomech:Tagged"] == "Yes"


def test_a_reject_is_exported_as_rating_minus_one_and_read_back_as_a_reject(
    library: Library, tagged_jpeg: Callable[..., bytes], tags: Tags, tmp_path: Path
) -> None:
    photo = imported(library, tagged_jpeg("-XMP-xmp:Rating=3"))
    mark_photos(library, [photo.id], pick=REJECTED)
    written = export_originals(library, [photo.id], tmp_path).written[0].read_bytes()
    assert tags(written)["XMP-xmp:Rating"] == -1
    again = ingest_bytes(written, "again.jpg")
    assert again.metadata.raw["XMP-xmp:Rating"] == "-1"
