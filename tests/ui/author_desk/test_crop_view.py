"""The crop view: dragging and zooming choose the square that becomes the avatar."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent

from workstation.photos.avatars import oriented_preview
from workstation.ui.author_desk.crop_view import CropDialog, CropView


def view_of(qtbot, width: int = 800, height: int = 600, full: tuple[int, int] | None = None) -> CropView:  # type: ignore[no-untyped-def]
    view = CropView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.gray)
    view.set_image(image, *(full or (width, height)))
    view.show()
    return view


def test_starts_on_the_largest_centred_square(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert view_of(qtbot).box() == (100, 0, 600)


def test_box_is_in_full_picture_pixels(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert view_of(qtbot, 800, 600, full=(4000, 3000)).box() == (500, 0, 3000)


def test_dragging_right_moves_the_square_left_over_the_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = view_of(qtbot)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseMove(view, QPoint(260, 200))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(260, 200))
    x, y, side = view.box()
    assert x < 100 and (y, side) == (0, 600)


def test_the_square_never_leaves_the_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = view_of(qtbot)
    view.move_by(10_000, 10_000)
    assert view.box() == (0, 0, 600)
    view.move_by(-10_000, -10_000)
    assert view.box() == (200, 0, 600)


def test_zooming_in_shrinks_the_square_around_its_centre(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = view_of(qtbot)
    view.set_zoom(1.0)
    x, y, side = view.box()
    assert side == 64
    assert abs(x + side / 2 - 400) <= 1 and abs(y + side / 2 - 300) <= 1
    view.set_zoom(0.0)
    assert view.box()[2] == 600


def test_wheel_zooms(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = view_of(qtbot)
    event = QWheelEvent(
        QPointF(200, 200),
        QPointF(200, 200),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(event)
    assert view.box()[2] < 600


def test_dialog_slider_and_result_follow_the_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 40, 40)).save(out, format="JPEG")
    dialog = CropDialog(oriented_preview(out.getvalue(), max_side=600))
    qtbot.addWidget(dialog)
    assert dialog.box() == (150, 0, 900)
    dialog.zoom.setValue(500)
    assert dialog.box()[2] < 900
    assert not dialog.result_preview.pixmap().isNull()
