"""Choosing a library photo as the source of an avatar."""

from __future__ import annotations

import io

from PIL import Image

from workstation.library.database import Library
from workstation.library.photos import add_photo, load_original
from workstation.photos.ingest import ingest_bytes


def add_photos(library: Library, colours: list[tuple[int, int, int]]) -> list[int]:
    ids = []
    with library.transaction() as session:
        for number, colour in enumerate(colours):
            out = io.BytesIO()
            Image.new("RGB", (640, 480), colour).save(out, format="JPEG")
            photo, _created = add_photo(session, ingest_bytes(out.getvalue(), f"frame-{number}.jpg"))
            photo.caption = f"Frame {number}"
            ids.append(photo.id)
    return ids


def test_the_avatar_picker_offers_library_photos_to_crop(desk, qtbot, library: Library, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    from workstation.ui.pickers import PhotoPicker

    ids = add_photos(library, [(200, 0, 0), (0, 200, 0)])
    shown: list[PhotoPicker] = []

    def exec_(picker: PhotoPicker) -> int:
        shown.append(picker)
        return 0

    monkeypatch.setattr(PhotoPicker, "exec", exec_)
    desk.form.choose_library_photo()
    (picker,) = shown
    qtbot.waitSignal(picker.refilled).wait()
    assert picker.ok.text() == "Crop this photo"
    assert {picker.model.value(row) for row in range(picker.model.rowCount())} == set(ids)


def test_a_library_photo_becomes_the_pending_avatar(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    (photo_id,) = add_photos(library, [(0, 0, 200)])
    with library.session() as session:
        original = load_original(session, photo_id)
    desk.form.apply_crop(original, (0, 0, 480))
    qtbot.waitUntil(lambda: desk.form.avatar_change()[0], timeout=5000)
    avatar = Image.open(io.BytesIO(desk.form.avatar_change()[1]))
    assert avatar.size == (400, 400)
    assert avatar.convert("RGB").getpixel((200, 200))[2] > 180
