"""The largest picture accepted: chosen by the photo editor, remembered, and used by imports."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog

from workstation.library.database import Library
from workstation.photos.ingest import DEFAULT_MAX_PIXELS
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.pixel_limit import SETTINGS_KEY, stored_pixel_limit


@pytest.fixture(autouse=True)
def forget_the_limit() -> Iterator[None]:
    QSettings().remove(SETTINGS_KEY)
    yield
    QSettings().remove(SETTINGS_KEY)


def answer(monkeypatch: pytest.MonkeyPatch, megapixels: int, ok: bool = True) -> list[int]:
    offered: list[int] = []

    def get_int(_parent, _title, _label, value, *_range) -> tuple[int, bool]:
        offered.append(value)
        return megapixels, ok

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    return offered


def test_a_new_desk_uses_the_remembered_limit(qtbot, library: Library) -> None:
    QSettings().setValue(SETTINGS_KEY, 2)
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    assert desk.max_pixels == 2_000_000
    desk.shutdown()


@pytest.mark.parametrize("stored", ["lots", "-5", "0", "99999", ""])
def test_a_damaged_remembered_limit_falls_back_to_the_default(stored: str) -> None:
    QSettings().setValue(SETTINGS_KEY, stored)
    assert stored_pixel_limit() == DEFAULT_MAX_PIXELS


def test_the_limit_offered_for_editing_is_the_current_one_in_megapixels(desk: PhotoDesk, monkeypatch) -> None:
    offered = answer(monkeypatch, 40)
    desk.pixel_limit_action.trigger()
    assert offered == [DEFAULT_MAX_PIXELS // 1_000_000]
    assert desk.max_pixels == 40_000_000 and int(QSettings().value(SETTINGS_KEY)) == 40


def test_cancelling_keeps_the_limit(desk: PhotoDesk, monkeypatch) -> None:
    answer(monkeypatch, 1, ok=False)
    desk.change_pixel_limit()
    assert desk.max_pixels == DEFAULT_MAX_PIXELS and QSettings().value(SETTINGS_KEY) is None


def test_a_lowered_limit_refuses_a_larger_picture_and_the_rest_land(
    desk: PhotoDesk, monkeypatch, make_image, run_import: Callable
) -> None:
    answer(monkeypatch, 1)
    desk.change_pixel_limit()
    report = run_import([make_image("pano.jpg", size=(1600, 700)), make_image("frame.jpg", size=(900, 600))])
    assert [refusal.name for refusal in report.refused] == ["pano.jpg"]
    assert len(report.photos) == 1
