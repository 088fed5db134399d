"""Choosing a library photo as the source of an avatar."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtWidgets import QDialogButtonBox

from workstation.library.database import Library
from workstation.library.photos import add_photo, load_original
from workstation.photos.ingest import ingest_bytes
from workstation.ui.author_desk.photo_picker import (
    LABEL_LIMIT,
    PhotoPicker,
    short_label,
)


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


def test_picker_lists_library_photos_and_returns_the_chosen_one(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    ids = add_photos(library, [(200, 0, 0), (0, 200, 0)])
    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.grid.count() == 2, timeout=5000)
    assert not picker.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    picker.grid.setCurrentRow(1)
    assert picker.photo_id() in ids
    assert picker.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert picker.status.text() == "2 photos"


def test_picker_search_narrows_by_caption(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    add_photos(library, [(200, 0, 0), (0, 200, 0)])
    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.search, "nothing-like-this")
    qtbot.waitUntil(lambda: picker.status.text() == "No photos match.", timeout=5000)
    assert picker.grid.count() == 0


def test_picker_on_an_empty_library_says_so(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.status.text() == "The library has no photos yet.", timeout=5000)


def test_a_library_photo_becomes_the_pending_avatar(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    (photo_id,) = add_photos(library, [(0, 0, 200)])
    with library.session() as session:
        original = load_original(session, photo_id)
    desk.form.apply_crop(original, (0, 0, 480))
    qtbot.waitUntil(lambda: desk.form.avatar_change()[0], timeout=5000)
    avatar = Image.open(io.BytesIO(desk.form.avatar_change()[1]))
    assert avatar.size == (400, 400)
    assert avatar.convert("RGB").getpixel((200, 200))[2] > 180


def test_a_long_caption_is_cut_at_a_word_with_an_ellipsis_and_shown_whole_in_the_tooltip(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    caption = "Market Square and the town hall, where councillors debated the budget until late"
    with library.transaction() as session:
        out = io.BytesIO()
        Image.new("RGB", (640, 480), (10, 20, 30)).save(out, format="JPEG")
        photo, _created = add_photo(session, ingest_bytes(out.getvalue(), "square.jpg"))
        photo.caption = caption
    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.grid.count() == 1, timeout=5000)
    item = picker.grid.item(0)
    assert item.text() == "Market Square and the town hall, where…"
    assert item.toolTip() == caption


def test_a_short_caption_is_shown_whole() -> None:
    assert short_label("Frame 4") == "Frame 4"


def test_a_caption_of_one_huge_word_is_still_cut() -> None:
    label = short_label("x" * 10_000)
    assert len(label) == LABEL_LIMIT and label.endswith("…")
