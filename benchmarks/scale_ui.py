"""UI stalls at scale: how long the event loop stops while lists and pickers fill, scroll and filter.

Used by ``library_scale.py``. A 5 ms ``QTimer`` ticks on a real Qt event
loop (offscreen) while each scenario runs through that loop; a stall is the
longest gap between two ticks less the interval. The peer in the same run is
the same timer over an idle loop (``idle``), the machine's own noise.

Each screen is measured twice: ``*_open_ms`` while it is built, shown and
its first rows arrive (building a desk's widgets is a first visit's cost),
and ``*_stall_ms`` while it is scrolled and filtered, the budget's subject.
Every step waits for the answers it started (listings, pages, searches), so
their hand-back to the UI thread is measured in the step that asked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any
from pathlib import Path

TICK_MS = 5


def measure_ui(path: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.geteuid() == 0:  # the author desk's box preview is a web view; Chromium refuses its sandbox as root
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(dict.fromkeys([*flags, "--no-sandbox"]))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from workstation.library.database import open_library
    from workstation.ui.app import prepare_qt

    prepare_qt()
    app = QApplication.instance() or QApplication([])
    from workstation.ui.author_desk.desk import AuthorDesk
    from workstation.ui.navigator import Navigator
    from workstation.ui.photo_desk.desk import PhotoDesk
    from workstation.ui.pickers import ArticlePicker, PhotoPicker

    library = open_library(path, readonly=True)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - TICK_MS)
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)

    def spin(ms: int) -> None:
        deadline = time.perf_counter() + ms / 1000
        while time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout_s
        while not done():
            if time.perf_counter() > deadline:
                raise SystemExit("library_scale: a list did not fill in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def stall(steps: Callable[[], None]) -> float:
        """The longest stop of the event loop while ``steps`` run (each step posted to the loop)."""
        spin(50)
        gaps.clear()
        last[0] = time.perf_counter()
        timer.start()
        steps()
        spin(100)
        timer.stop()
        return round(max(gaps, default=0.0), 1)

    # In the app the article desk's preview has started QtWebEngine before any other desk opens; so here.
    import workstation.publish.preview  # noqa: F401
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from workstation.ui.schemes import register_schemes

    register_schemes()
    web = QWebEngineView()
    web.setHtml("<p>warm</p>")
    web.show()
    spin(1000)
    figures: dict[str, float] = {"idle_stall_ms": stall(lambda: spin(500))}

    def post(action: Callable[[], None]) -> None:
        QTimer.singleShot(0, action)
        spin(20)

    def open_article_list() -> tuple[Navigator, list[int]]:
        navigator = Navigator(library)
        navigator.resize(300, 700)
        navigator.show()
        refreshed = [0]
        navigator.refreshed.connect(lambda: refreshed.__setitem__(0, refreshed[0] + 1))
        navigator.refresh()
        until(lambda: refreshed[0] >= 1)
        return navigator, refreshed

    def use_article_list(opened: tuple[Navigator, list[int]]) -> None:
        navigator, refreshed = opened
        for _ in range(5):
            post(navigator.list.scrollToBottom)
        navigator.search.setText("council")
        until(lambda: refreshed[0] >= 2)
        post(lambda: navigator.status.setCurrentIndex(2))
        until(lambda: refreshed[0] >= 3)
        navigator.close()

    def open_photo_grid() -> PhotoDesk:
        desk = PhotoDesk(library)
        desk.resize(1100, 700)
        desk.show()
        # The listing and the first screen of thumbnails arrive from the runner, through this loop.
        until(lambda: not desk.model.listing() and desk.model.total() > 0)
        until(lambda: desk.model.image_at(0) is not None)
        return desk

    def use_photo_grid(desk: PhotoDesk) -> None:
        for _ in range(10):
            post(lambda: desk.view.verticalScrollBar().setValue(desk.view.verticalScrollBar().maximum()))
        desk.search_edit.setText("harbour")
        post(desk._apply_filter)
        until(lambda: not desk.model.listing())
        spin(200)
        desk.close()

    def picker(kind: type) -> Callable[[], tuple[Any, list[int]]]:
        def open_picker() -> tuple[Any, list[int]]:
            answers = [0]
            dialog = kind(library)
            dialog.refilled.connect(lambda: answers.__setitem__(0, answers[0] + 1))
            dialog.show()
            until(lambda: answers[0] >= 1)
            return dialog, answers

        return open_picker

    def use_picker(words: str) -> Callable[[tuple[Any, list[int]]], None]:
        def steps(opened: tuple[Any, list[int]]) -> None:
            dialog, answers = opened
            post(lambda: dialog.search.setText(words))
            post(dialog.refill)
            until(lambda: answers[0] >= 2)
            for _ in range(5):
                post(lambda: dialog.list.verticalScrollBar().setValue(dialog.list.verticalScrollBar().maximum()))
            dialog.close()

        return steps

    def open_author_list() -> AuthorDesk:
        desk = AuthorDesk(library)
        desk.resize(1000, 700)
        desk.show()
        return desk

    def use_author_list(desk: AuthorDesk) -> None:
        for _ in range(5):
            post(lambda: desk.author_list.verticalScrollBar().setValue(desk.author_list.verticalScrollBar().maximum()))
        post(lambda: desk.search.setText("reporter"))
        post(desk.refresh)
        desk.close()

    scenarios: tuple[tuple[str, Callable[[], Any], Callable[[Any], None]], ...] = (
        ("article_list", open_article_list, use_article_list),
        ("photo_grid", open_photo_grid, use_photo_grid),
        ("article_picker", picker(ArticlePicker), use_picker("river")),
        ("photo_picker", picker(PhotoPicker), use_picker("harbour")),
        ("author_list", open_author_list, use_author_list),
    )
    for name, open_screen, use in scenarios:
        opened: list[Any] = []
        figures[f"{name}_open_ms"] = stall(lambda open_screen=open_screen: post(lambda: opened.append(open_screen())))
        figures[f"{name}_stall_ms"] = stall(lambda use=use: post(lambda: use(opened[0])))
    web.close()
    library.close()
    return figures
