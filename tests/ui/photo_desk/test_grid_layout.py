"""The grid's columns fill the width it is given."""

from __future__ import annotations

import pytest

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.grid_delegate import CELL


@pytest.mark.parametrize("width", [500, 678, 700, 900, 1024])
def test_as_many_columns_as_fit_are_shown_side_by_side(
    qtbot, library: Library, width: int
) -> None:
    with library.transaction() as session:
        session.add_all(
            Photo(sha256=f"{n:064x}", mime="image/jpeg", width=10, height=10, size_bytes=1)
            for n in range(12)
        )
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.resize(1300, 760)
    desk.show()
    try:
        desk.splitter.setSizes([width, 1300 - width])
        viewport = desk.view.viewport()
        fit = max(1, (viewport.width() - 1) // (CELL.width() + 4))

        def first_row() -> int:
            tops = [desk.view.visualRect(desk.model.index(row)).top() for row in range(12)]
            return tops.count(tops[0])

        qtbot.waitUntil(lambda: first_row() == fit, timeout=2_000)
    finally:
        desk.shutdown()


def test_changing_a_filter_starts_the_grid_at_its_top(qtbot, library: Library) -> None:
    with library.transaction() as session:
        session.add_all(
            Photo(sha256=f"{n:064x}", mime="image/jpeg", width=10, height=10, size_bytes=1,
                  credit_line="" if n % 2 else "Wire")
            for n in range(60)
        )
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.resize(1300, 760)
    desk.show()
    try:
        bar = desk.view.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2_000)
        bar.setValue(bar.maximum())
        desk.flag_buttons["missing_credit"].setChecked(True)
        qtbot.waitUntil(lambda: desk.model.total() == 30, timeout=2_000)
        assert bar.value() == 0
    finally:
        desk.shutdown()
