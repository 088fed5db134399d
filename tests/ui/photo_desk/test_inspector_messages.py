"""What the inspector says about a save can be read without scrolling to the end of its form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt

from workstation.ui.photo_desk import PhotoDesk


def test_focal_point_saved_is_on_screen_on_a_laptop_sized_desk(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    desk.resize(1280, 700)
    desk.refresh()
    desk.select_photos([photo])
    preview = desk.inspector.preview
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=QPoint(preview.width() // 4, preview.height() // 4))
    label = desk.inspector.status_label
    assert label.text() == "Focal point saved"
    assert not label.visibleRegion().isEmpty()
