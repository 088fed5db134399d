"""What exists once the app has started is left out of the cyclic collector's full passes.

A full pass walks every tracked object while holding the interpreter lock:
over the modules, the ORM and a desk, tens of milliseconds at a random
moment of a scroll. Frozen, they are no longer walked.
"""

from __future__ import annotations

import gc

from workstation.ui.app import keep_long_lived, prepare_qt


def test_preparing_qt_leaves_what_exists_out_of_full_collections() -> None:
    before = gc.get_freeze_count()
    made = [[] for _ in range(100)]
    prepare_qt()
    assert gc.get_freeze_count() >= before + len(made)


def test_objects_made_after_the_start_are_still_collected() -> None:
    keep_long_lived()
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1


def test_the_first_window_leaves_what_its_start_built_out_of_full_collections(qtbot, library, filled, monkeypatch) -> None:
    from workstation.ui import app

    monkeypatch.setattr(app, "_windows", [])
    before = gc.get_freeze_count()
    window = app.open_window(library.path, open_slug=filled["story_slug"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    qtbot.waitUntil(lambda: gc.get_freeze_count() > before)
    window.close()
