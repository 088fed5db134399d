"""The exported pages as a browser lays them out: phone widths and tall photos."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from workstation.library.database import Library
from workstation.library.models import Article, Section
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes

pytest.importorskip("PySide6.QtWebEngineWidgets")

# Every element whose right edge passes the viewport: what makes a phone page scroll sideways.
OVERFLOW = """Array.from(document.querySelectorAll('body *'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > document.documentElement.clientWidth + 0.5; })
  .map(e => e.tagName + '.' + e.className).slice(0, 5).join(' ')"""


def run_js(qtbot, page, script: str):  # type: ignore[no-untyped-def]
    results: list[object] = []
    page.runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=15000)
    return results[0]


def open_page(qtbot, path: Path, width: int, height: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30000):
        view.load(QUrl.fromLocalFile(str(path)))
    return view


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_scrolls_sideways_on_a_phone(qtbot, export: Callable[..., Path], width: int) -> None:  # type: ignore[no-untyped-def]
    site = export()
    for path in sorted(site.rglob("*.html")):
        view = open_page(qtbot, path, width, 800)
        assert run_js(qtbot, view.page(), OVERFLOW) == "", path


def test_a_portrait_photo_never_fills_more_than_the_screen(qtbot, library: Library, tmp_path: Path, cache_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from workstation.publish.site import export_site

    tall = tmp_path / "tall.jpg"
    Image.new("RGB", (1000, 1600), (120, 80, 40)).save(tall, "JPEG")
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(tall.read_bytes(), "tall.jpg"))
        photo.alt_text = "Shelves of bread"
        session.add(Article(
            slug="tall", headline="Tall", body="Text.", section=Section(slug="news", name="News"),
            status="published", published_at=datetime(2026, 1, 1, tzinfo=timezone.utc), feature_photo_id=photo.id,
        ))
    export_site(library, tmp_path / "site", cache_dir=cache_dir)
    view = open_page(qtbot, tmp_path / "site" / "articles" / "tall" / "index.html", 1366, 768)
    height = run_js(qtbot, view.page(), "document.querySelector('.figure--lead img').getBoundingClientRect().height")
    assert 0 < height <= 768


# Apply the stylesheet's print rules on screen: QtWebEngine cannot emulate print media.
AS_PRINTED = """(() => {
  const rules = [];
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
    if (rule instanceof CSSMediaRule && rule.media.mediaText === 'print')
      for (const inner of rule.cssRules) rules.push(inner.cssText);
  const style = document.createElement('style');
  style.textContent = rules.join('\\n');
  document.head.append(style);
  const shown = selector => { const e = document.querySelector(selector); return !!e && e.getClientRects().length > 0; };
  return [rules.length > 0, shown('.site-title'), shown('.site-nav'), shown('.video-card__play'),
          shown('.video-card__poster'), shown('.latest')].join(',');
})()"""


def test_a_printed_article_keeps_the_paper_name_and_a_videos_address(qtbot, export: Callable[..., Path]) -> None:  # type: ignore[no-untyped-def]
    view = open_page(qtbot, export() / "articles" / "river-rises" / "index.html", 1366, 768)
    assert run_js(qtbot, view.page(), AS_PRINTED) == "true,true,false,true,false,false"
