"""The batch dialog as a hand uses it: click a field, type, apply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.photo_desk import PhotoDesk


def credits_and_creators(library: Library, ids: list[int]) -> list[tuple[str, str]]:
    with library.session() as session:
        return [(session.get(Photo, i).credit_line, session.get(Photo, i).creator) for i in ids]


def test_typing_into_an_unticked_field_ticks_it_and_leaves_the_others_alone(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    chosen = [store("a.jpg", {"IPTC:By-line": "Ann"}), store("b.jpg", {"IPTC:By-line": "Bo"})]
    desk.refresh()
    desk.select_photos(chosen)
    desk.open_batch_edit()
    dialog = desk.batch_dialog
    credit = dialog.edits["credit_line"]
    qtbot.mouseClick(credit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(credit, "Qa Agency")
    assert credit.text() == "Qa Agency"
    assert [name for name, check in dialog.checks.items() if check.isChecked()] == ["credit_line"]
    dialog.apply_button.click()
    assert credits_and_creators(library, chosen) == [("Qa Agency", "Ann"), ("Qa Agency", "Bo")]
