"""The names offered for completion (a scan of every photo) are read once a photo is shown, not as the desk opens.

At a decade's scale that scan takes a core for a tenth of a second, which
the desk's first frames and its grid's listing need.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.library.database import Library
from workstation.ui.jobs import runner
from workstation.ui.photo_desk import PhotoDesk

WAIT_MS = 10_000


def opened(qtbot: Any, library: Library) -> PhotoDesk:
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.resize(1100, 700)
    desk.show()
    qtbot.waitUntil(lambda: desk.model.total() == 1 and desk.model.image_at(0) is not None, timeout=WAIT_MS)
    assert runner().wait(WAIT_MS)
    qtbot.wait(50)  # the answers of finished jobs are delivered through the event loop
    return desk


def test_opening_the_desk_reads_no_names_for_completion(qtbot: Any, library: Library, store: Callable[..., int]) -> None:
    store("a.jpg", {"IPTC:By-line": "Olena Petrenko"})
    desk = opened(qtbot, library)
    try:
        assert desk.inspector.creator_completions.stringList() == []
    finally:
        desk.shutdown()


def test_showing_a_photo_reads_the_names_for_completion(qtbot: Any, library: Library, store: Callable[..., int]) -> None:
    photo = store("a.jpg", {"IPTC:By-line": "Olena Petrenko"})
    desk = opened(qtbot, library)
    try:
        desk.select_photos([photo])
        qtbot.waitUntil(lambda: desk.inspector.creator_completions.stringList() == ["Olena Petrenko"], timeout=WAIT_MS)
    finally:
        desk.shutdown()
