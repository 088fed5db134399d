"""The grid: lazy thumbnails, paging, search and flag filters through the desk's controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.grid_model import PAGE, PhotoGridModel


def test_thumbnails_arrive_lazily_from_the_worker(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    store("a.jpg")
    desk.refresh()
    assert desk.model.image_at(0) is None
    qtbot.waitUntil(lambda: isinstance(desk.model.image_at(0), QImage), timeout=5_000)
    assert not desk.model.image_at(0).isNull()


def test_a_large_library_is_exposed_to_the_view_a_page_at_a_time(
    qtbot, library: Library
) -> None:
    with library.transaction() as session:
        session.add_all(
            Photo(
                sha256=f"{n:064x}", mime="image/jpeg", width=10, height=10, size_bytes=1
            )
            for n in range(PAGE * 3)
        )
    model = PhotoGridModel(library)
    model.refresh()
    assert (model.total(), model.rowCount()) == (PAGE * 3, PAGE)
    assert model.canFetchMore(model.index(-1))
    model.fetchMore(model.index(-1))
    assert model.rowCount() == PAGE * 2


def test_search_box_filters_the_grid(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    wanted = store("a.jpg", {"IPTC:Caption-Abstract": "Harbour cranes at Odesa"})
    store("b.jpg", {"IPTC:Caption-Abstract": "Wheat field"})
    desk.refresh()
    qtbot.keyClicks(desk.search_edit, "odes")
    qtbot.waitUntil(lambda: desk.model.total() == 1, timeout=3_000)
    assert desk.model.photo_id(0) == wanted
    assert desk.count_label.text() == "1 photo match"


def test_flag_buttons_filter_the_grid(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    credited = store("a.jpg", {"IPTC:Credit": "AFP"})
    bare = store("b.jpg")
    desk.refresh()
    desk.flag_buttons["missing_credit"].setChecked(True)
    assert [desk.model.photo_id(r) for r in range(desk.model.total())] == [bare]
    desk.flag_buttons["missing_credit"].setChecked(False)
    assert desk.model.total() == 2 and credited in [
        desk.model.photo_id(r) for r in range(2)
    ]


def test_an_empty_filter_result_says_so(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    store("a.jpg", {"IPTC:Credit": "AFP"})
    desk.flag_buttons["missing_credit"].setChecked(True)
    assert desk.empty_label.isVisible()
    assert "No photos match" in desk.empty_label.text()


def test_selection_survives_a_refresh(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    first, second = store("a.jpg"), store("b.jpg")
    desk.refresh()
    desk.select_photos([second])
    store("c.jpg")
    desk.refresh()
    assert desk.selected_ids() == [second] and desk.inspector.photo_id == second
    assert first in [desk.model.photo_id(r) for r in range(desk.model.total())]


def test_thumbnails_are_decoded_at_grid_size(qtbot) -> None:
    import io

    from PIL import Image

    from workstation.ui.photo_desk.grid_model import THUMB_SIZE, decode_thumbnail

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "teal").save(buffer, "JPEG")
    image = decode_thumbnail(buffer.getvalue())
    assert (image.width(), image.height()) == (THUMB_SIZE.width(), THUMB_SIZE.height())


def test_a_damaged_thumbnail_decodes_to_an_empty_picture(qtbot) -> None:
    from workstation.ui.photo_desk.grid_model import decode_thumbnail

    assert decode_thumbnail(b"\xff\xd8\xff garbage").isNull()
    assert decode_thumbnail(b"").isNull()


def test_select_all_reaches_photos_not_yet_scrolled_to(qtbot, library: Library) -> None:
    with library.transaction() as session:
        session.add_all(
            Photo(sha256=f"{n:064x}", mime="image/jpeg", width=10, height=10, size_bytes=1)
            for n in range(PAGE + 15)
        )
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.show()
    try:
        desk.view.setFocus()
        qtbot.keyClick(desk.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert len(desk.selected_ids()) == PAGE + 15
    finally:
        desk.shutdown()
