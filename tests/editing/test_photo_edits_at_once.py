"""Two desks changing one photo of a newsroom at the same moment: the second waits and then writes, never fails."""

from __future__ import annotations

import threading

import pytest

from workstation.editing.photos import mark_photos, save_photo_fields
from workstation.library.database import Library, open_library
from workstation.library.models import Photo
from workstation.library.photo_queries import edit_photo

pytestmark = pytest.mark.parametrize("library", ["postgresql"], indirect=True)


def while_another_desk_holds_the_photo(library: Library, photo_id: int, second_desk) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run ``second_desk`` while another connection has changed the photo but not yet committed."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            second_desk()
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    with open_library(library.url) as other, other.transaction() as session:  # type: ignore[attr-defined]
        edit_photo(session, photo_id, {"caption": "First desk's caption"})
        second = threading.Thread(target=run)
        second.start()
        second.join(0.2)
    second.join(30)
    return errors


def test_a_caption_saved_while_another_desk_saves_the_photo_is_written(library: Library, add_photo) -> None:  # type: ignore[no-untyped-def]
    photo_id = add_photo()

    errors = while_another_desk_holds_the_photo(
        library, photo_id, lambda: save_photo_fields(library, photo_id, {"credit_line": "Second desk's credit"})
    )

    assert errors == []
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        assert (photo.caption, photo.credit_line, photo.version) == ("First desk's caption", "Second desk's credit", 3)


def test_marks_set_while_another_desk_saves_the_photo_are_written(library: Library, add_photo) -> None:  # type: ignore[no-untyped-def]
    photo_id = add_photo()

    errors = while_another_desk_holds_the_photo(library, photo_id, lambda: mark_photos(library, [photo_id], rating=4))

    assert errors == []
    with library.session() as session:
        assert session.get(Photo, photo_id).rating == 4
