"""A large library's grid is listed on the worker: the desk shows the listing, and keeps the selection, once it is in."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from workstation.library.database import Library
from workstation.library.models import Photo, utcnow
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.grid_model import LIST_AT_ONCE, PAGE

PHOTOS = LIST_AT_ONCE + 20
WAIT_MS = 20_000


@pytest.fixture
def large(library: Library) -> Library:
    """More photos than are listed at once; every tenth captioned "harbour", the others "field"."""
    now = utcnow()
    with library.engine.begin() as connection:
        connection.execute(insert(Photo), [
            {"id": n, "sha256": f"{n:064x}", "mime": "image/jpeg", "width": 10, "height": 10, "size_bytes": 1,
             "original_filename": f"IMG_{n}.jpg", "caption": "harbour crane" if n % 10 == 0 else "field",
             "embedded_metadata": {}, "imported_at": now, "updated_at": now}
            for n in range(1, PHOTOS + 1)
        ])
    return library


@pytest.fixture
def large_desk(qtbot: Any, large: Library) -> PhotoDesk:
    widget = PhotoDesk(large)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.shutdown()


def test_a_large_library_is_listed_by_the_worker_and_shown_when_in(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    assert large_desk.model.total() == PHOTOS
    assert large_desk.count_label.text() == f"{PHOTOS:,} photos"
    large_desk.refresh()
    # The answer is delivered through the event loop, so refresh has returned before it.
    assert large_desk.model.listing()
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)


def test_a_search_in_a_large_library_lists_its_matches_from_the_top(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    large_desk.view.scrollToBottom()
    with qtbot.waitSignal(large_desk.model.listed, timeout=WAIT_MS):
        large_desk.search_edit.setText("harbour")
    assert large_desk.model.total() == PHOTOS // 10
    assert large_desk.count_label.text() == f"{PHOTOS // 10:,} photos match"
    assert large_desk.view.verticalScrollBar().value() == 0


def test_a_refresh_of_a_large_library_keeps_the_selection(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    chosen = [large_desk.model.photo_id(row) for row in (3, 4)]
    large_desk.select_photos(chosen)
    assert large_desk.selected_ids() == chosen
    with qtbot.waitSignal(large_desk.model.listed, timeout=WAIT_MS):
        large_desk.refresh()
    assert large_desk.selected_ids() == chosen and large_desk.current_id() == chosen[0]


def test_a_listing_overtaken_by_a_newer_one_is_never_shown(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    large_desk.search_edit.setText("harbour")
    large_desk._apply_filter()
    large_desk.search_edit.setText("field")
    with qtbot.waitSignal(large_desk.model.listed, timeout=WAIT_MS):
        large_desk._apply_filter()
    qtbot.wait(200)
    assert large_desk.model.total() == PHOTOS - PHOTOS // 10


def test_a_new_filter_lays_out_only_its_first_page_again(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    large_desk.model.ensure_exposed(PAGE * 3)
    with qtbot.waitSignal(large_desk.model.listed, timeout=WAIT_MS):
        large_desk.refresh()
    assert large_desk.model.rowCount() > PAGE * 3
    with qtbot.waitSignal(large_desk.model.listed, timeout=WAIT_MS):
        large_desk.search_edit.setText("field")
    assert large_desk.model.rowCount() == PAGE


def test_a_photo_beyond_the_rows_shown_is_found_and_selected(qtbot: Any, large_desk: PhotoDesk) -> None:
    qtbot.waitUntil(lambda: not large_desk.model.listing(), timeout=WAIT_MS)
    deep = large_desk.model.photo_id(PHOTOS - 1)
    assert large_desk.model.rowCount() < PHOTOS
    large_desk.select_photos([deep])
    assert large_desk.selected_ids() == [deep] and large_desk.current_id() == deep
