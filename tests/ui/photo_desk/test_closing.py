"""Closing the photo desk: reads nobody will see are dropped, an import's writes are on disk when it returns."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.jobs import MAX_THREADS, Job, runner
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.inspector import Inspector

from .conftest import ImageMaker

# Generous bounds for a loaded machine; the tests never assert on timings.
BOUND_S = 60
# Long enough that the close could wait for these before they end by themselves.
BLOCK_S = 3


def photo_count(library: Library) -> int:
    with library.session() as session:
        return session.query(Photo).count()


def busy_until_cancelled(seconds: float) -> Callable[[Job], None]:
    """A read that holds a pool thread until it is cancelled, or at most ``seconds``."""

    def work(job: Job) -> None:
        deadline = time.monotonic() + seconds
        while not job.cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)

    return work


def test_closing_drops_the_thumbnail_reads_still_queued(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    for n in range(3):
        store(f"frame{n}.jpg")
    desk.refresh()
    busy = [runner().start(busy_until_cancelled(BLOCK_S), owner=desk, name="busy read") for _ in range(MAX_THREADS)]
    qtbot.waitUntil(lambda: all(job.started for job in busy), timeout=BOUND_S * 1000)
    for row in range(desk.model.rowCount()):
        desk.model.data(desk.model.index(row), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: any(job.name == "photo grid page" for job in runner().running()), timeout=BOUND_S * 1000)
    pages = [job for job in runner().running() if job.name == "photo grid page"]
    desk.shutdown()
    assert all(job.ended and not job.started for job in pages)
    assert all(job.ended for job in busy)
    qtbot.wait(BLOCK_S * 1000)
    assert all(not job.started for job in pages)
    assert desk.model.image_at(0) is None


def test_closing_stops_a_slow_read_instead_of_waiting_for_it(qtbot, desk: PhotoDesk) -> None:
    slow = runner().start(busy_until_cancelled(BOUND_S), owner=desk, name="slow read")
    qtbot.waitUntil(lambda: slow.started, timeout=BOUND_S * 1000)
    try:
        desk.shutdown()
        assert slow.ended and slow.cancelled()
    finally:
        slow.cancel()


def test_an_import_running_at_the_close_has_written_all_it_will_when_the_close_returns(
    qtbot, desk: PhotoDesk, library: Library, make_image: ImageMaker
) -> None:
    paths = [make_image(f"f{n}.jpg", size=(1600, 1200)) for n in range(30)]
    desk.import_paths(paths)
    qtbot.waitUntil(lambda: photo_count(library) >= 1, timeout=BOUND_S * 1000)
    desk.shutdown()
    landed = photo_count(library)
    qtbot.wait(1_000)
    assert 1 <= photo_count(library) == landed
    with sqlite3.connect(f"file:{library.path}?mode=ro", uri=True) as connection:
        assert connection.execute("pragma quick_check").fetchone() == ("ok",)


def test_a_closed_desk_starts_no_more_reads(qtbot, desk: PhotoDesk, store: Callable[..., int]) -> None:
    store("frame.jpg")
    desk.refresh()
    desk.shutdown()
    desk.model.data(desk.model.index(0), Qt.ItemDataRole.DecorationRole)
    desk.model.wait_for_thumbnails(BOUND_S * 1000)
    assert desk.model.image_at(0) is None
    assert not [job for job in runner().running() if job.owner is desk.model]
    assert desk.model.rowCount(QModelIndex()) == 1


def test_quitting_while_photos_land_keeps_what_landed_and_leaves_nothing_running(
    qtbot, library: Library, make_image: ImageMaker
) -> None:
    from workstation.ui.app import open_window

    paths = [make_image(f"q{n}.jpg", size=(1600, 1200)) for n in range(30)]
    window = open_window(library.path)
    qtbot.addWidget(window)
    window.show_desk("photos")
    desk = window.desks["photos"]
    desk.import_paths(paths)
    # Closed as soon as the first photo is in the file, not when the grid (refreshed on a timer) shows it:
    # on an idle machine the whole shoot lands before then.
    qtbot.waitUntil(lambda: photo_count(library) >= 1, timeout=BOUND_S * 1000)
    desk.refresh()
    desk.model.wait_for_thumbnails(BOUND_S * 1000)
    if desk.model.total():
        desk.select_photos([desk.model.photo_id(0)])
    window.close()
    assert runner().running() == []
    assert runner().wait(BOUND_S * 1000)
    landed = photo_count(library)
    qtbot.wait(1_000)
    assert 1 <= photo_count(library) == landed < len(paths)


def test_a_desk_closed_before_its_first_listing_is_shown_builds_no_inspector(qtbot, library: Library) -> None:
    desk = PhotoDesk(library)
    qtbot.addWidget(desk)
    desk.show()
    desk.shutdown()
    qtbot.wait(500)
    assert desk.findChildren(Inspector) == []
