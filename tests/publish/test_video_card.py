"""The click-to-play script: no player before the click, the privacy-enhanced one after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")


def run_js(qtbot, page, script: str):  # type: ignore[no-untyped-def]
    results: list[object] = []
    page.runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=15000)
    return results[0]


def test_video_card_becomes_a_nocookie_player_only_when_clicked(qtbot, export: Callable[..., Path]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    site = export()
    view = QWebEngineView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loadFinished, timeout=30000):
        view.load(QUrl.fromLocalFile(str(site / "articles" / "river-rises" / "index.html")))
    page = view.page()
    assert run_js(qtbot, page, "document.querySelectorAll('iframe').length") == 0
    run_js(qtbot, page, "document.querySelector('.video-card__play').click(); true")
    src = run_js(qtbot, page, "(document.querySelector('.video-card iframe') || {}).src || ''")
    assert isinstance(src, str) and src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
