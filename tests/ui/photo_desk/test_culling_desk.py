"""Culling on the desk: keys mark the selection, cells show it, filters find it, compare shows frames side by side."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from workstation.editing.photos import photo_details
from workstation.library.database import Library
from workstation.photos.culling import PICKED, REJECTED, UNMARKED
from workstation.ui.photo_desk import PhotoDesk


def marks(library: Library, photo_id: int) -> tuple[int, str, int]:
    fields = photo_details(library, photo_id).fields
    return fields.rating, fields.label, fields.pick


def keys(qtbot, desk: PhotoDesk, *pressed: Qt.Key) -> None:
    desk.view.setFocus()
    for key in pressed:
        qtbot.keyClick(desk.view, key)


def test_number_keys_rate_and_label_the_selection(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    first, second = store("a.jpg"), store("b.jpg")
    desk.refresh()
    desk.select_photos([first, second])
    keys(qtbot, desk, Qt.Key.Key_4, Qt.Key.Key_8)
    assert marks(library, first) == marks(library, second) == (4, "Green", UNMARKED)
    keys(qtbot, desk, Qt.Key.Key_8, Qt.Key.Key_0)
    assert marks(library, first) == (0, "", UNMARKED)


def test_p_picks_x_rejects_and_the_same_key_again_unmarks(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    desk.refresh()
    desk.select_photos([photo])
    keys(qtbot, desk, Qt.Key.Key_P)
    assert marks(library, photo)[2] == PICKED
    keys(qtbot, desk, Qt.Key.Key_X)
    assert marks(library, photo)[2] == REJECTED
    qtbot.waitUntil(lambda: desk.model.summary_of(photo) is not None and desk.model.summary_of(photo).pick == REJECTED,
                    timeout=5_000)
    keys(qtbot, desk, Qt.Key.Key_X)
    assert marks(library, photo)[2] == UNMARKED


def test_the_inspector_shows_the_marks(qtbot, desk: PhotoDesk, store: Callable[..., int]) -> None:
    photo = store("a.jpg")
    desk.refresh()
    desk.select_photos([photo])
    keys(qtbot, desk, Qt.Key.Key_3, Qt.Key.Key_6, Qt.Key.Key_P)
    assert desk.inspector.marks_label.text() == "★★★☆☆ · Red label · Picked"


def test_the_culling_filters_narrow_the_grid(desk: PhotoDesk, store: Callable[..., int]) -> None:
    rated = store("a.jpg", {"XMP-xmp:Rating": "5", "XMP-xmp:Label": "Blue"})
    store("b.jpg")
    rejected = store("c.jpg", {"XMP-xmp:Rating": "-1"})
    desk.refresh()
    filters = desk.cull_filters
    filters.rating_combo.setCurrentIndex(filters.rating_combo.findData(4))
    assert [desk.model.photo_id(r) for r in range(desk.model.total())] == [rated]
    assert desk.count_label.text() == "1 photo match"
    filters.rating_combo.setCurrentIndex(0)
    filters.pick_combo.setCurrentIndex(filters.pick_combo.findData(REJECTED))
    assert [desk.model.photo_id(r) for r in range(desk.model.total())] == [rejected]
    filters.pick_combo.setCurrentIndex(0)
    filters.label_combo.setCurrentIndex(filters.label_combo.findData("Blue"))
    assert [desk.model.photo_id(r) for r in range(desk.model.total())] == [rated]


def test_compare_shows_the_selected_frames_at_full_size_side_by_side(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    ids = [store(f"{n}.jpg", size=(900, 600)) for n in range(3)]
    desk.refresh()
    desk.select_photos(ids)
    assert desk.compare_button.isEnabled()
    desk.open_compare()
    dialog = desk.compare_dialog
    assert dialog is not None
    try:
        assert dialog.wait_for_images()
        qtbot.waitUntil(lambda: all(not pane.image.isNull() for pane in dialog.panes), timeout=10_000)
        assert sorted(pane.photo_id for pane in dialog.panes) == sorted(ids)
        assert all((pane.image.width(), pane.image.height()) == (900, 600) for pane in dialog.panes)
        dialog.size_button.setChecked(True)
        assert all(pane.picture.pixmap().width() == 900 for pane in dialog.panes)
        dialog.activate(dialog.panes[1])
        qtbot.keyClick(dialog, Qt.Key.Key_5)
        assert marks(library, dialog.panes[1].photo_id)[0] == 5
        assert "★★★★★" in dialog.panes[1].caption.text()
    finally:
        dialog.close()


def test_compare_needs_two_to_four_frames(desk: PhotoDesk, store: Callable[..., int]) -> None:
    photo = store("a.jpg")
    desk.refresh()
    desk.select_photos([photo])
    assert not desk.compare_button.isEnabled()
    desk.open_compare()
    assert desk.compare_dialog is None
    assert "Select 2 to 4 photos" in desk.status_label.text()


def test_cells_paint_their_marks(qtbot, desk: PhotoDesk, store: Callable[..., int]) -> None:
    photo = store("a.jpg", {"XMP-xmp:Rating": "3", "XMP-xmp:Label": "Red"})
    desk.refresh()
    qtbot.waitUntil(lambda: desk.model.summary_of(photo) is not None, timeout=5_000)
    qtbot.waitUntil(lambda: isinstance(desk.model.image_at(0), QImage), timeout=5_000)
    shot = desk.view.viewport().grab().toImage()
    rect = desk.view.visualRect(desk.model.index(0))
    # The red label stripe along the top of the picture.
    stripe = shot.pixelColor(rect.left() + 40, rect.top() + 10)
    assert stripe.red() > 180 and stripe.green() < 90
