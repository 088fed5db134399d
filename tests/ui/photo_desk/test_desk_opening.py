"""Opening the photo desk: the grid comes first, the inspector's long form in the next turn of the event loop."""

from __future__ import annotations

from typing import Any

from workstation.library.database import Library
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.inspector import Inspector


def open_desk(qtbot: Any, library: Library) -> PhotoDesk:
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.resize(1300, 760)
    desk.show()
    return desk


def test_the_inspector_is_built_in_the_turn_after_the_grid(qtbot: Any, library: Library) -> None:
    desk = open_desk(qtbot, library)
    assert not isinstance(desk.splitter.widget(1), Inspector)
    qtbot.waitUntil(lambda: isinstance(desk.splitter.widget(1), Inspector))
    assert desk.splitter.widget(1) is desk.inspector
    desk.shutdown()


def test_the_inspector_is_built_at_once_when_asked_for_first(qtbot: Any, library: Library) -> None:
    desk = open_desk(qtbot, library)
    inspector = desk.inspector
    assert desk.splitter.widget(1) is inspector
    qtbot.wait(50)
    assert desk.inspector is inspector and desk.splitter.widget(1) is inspector
    desk.shutdown()


def test_the_open_article_named_before_the_inspector_is_built_is_shown_by_it(qtbot: Any, library: Library) -> None:
    desk = open_desk(qtbot, library)
    desk.set_target_article("Harbour cranes return")
    qtbot.waitUntil(lambda: isinstance(desk.splitter.widget(1), Inspector))
    assert "Harbour cranes return" in desk.inspector.lead_button.text()
    assert desk.inspector.insert_button.isEnabled()
    desk.shutdown()

