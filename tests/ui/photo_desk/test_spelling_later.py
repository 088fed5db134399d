"""The caption's spell checker is loaded once a photo is shown, not while the grid opens."""

from __future__ import annotations

from collections.abc import Callable

from workstation.ui.jobs import runner
from workstation.ui.photo_desk import PhotoDesk


def test_the_checker_is_loaded_for_the_first_photo_shown_and_not_before(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo_id = store("a.jpg", {"IPTC:Caption-Abstract": "Firefihgters at work"})
    inspector = desk.inspector
    qtbot.wait(200)
    assert inspector.spell_highlighter is None
    assert not [job for job in runner().running() if job.name == "spell checker"]
    desk.refresh()
    desk.select_photos([photo_id])
    qtbot.waitUntil(lambda: inspector.spell_highlighter is not None, timeout=10_000)
