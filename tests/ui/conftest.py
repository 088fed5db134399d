"""Article-desk fixtures: one QApplication with our URL schemes, real libraries, real desks.

The schemes must be registered before the QApplication exists, so this
module does it at import time, before pytest-qt's ``qapp`` fixture runs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
# QSettings of the tests must never touch the user's own configuration.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ws-ui-config-")
atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)
os.environ["WORKSTATION_THEME"] = "light"

import pytest

from workstation.library.database import Library, open_library
from workstation.ui.app import prepare_qt

prepare_qt()

FIXTURE_PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "photos"


def fill_library(library: Library) -> dict[str, Any]:
    """A section, two authors, a photo with a credit, and three articles."""
    if not FIXTURE_PHOTOS.is_dir():
        pytest.skip("shared/fixtures/photos is not beside this checkout")
    from workstation.library.articles import find_or_create_section, new_article, set_bylines
    from workstation.library.authors import create_author
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_file

    with library.transaction() as session:
        section = find_or_create_section(session, "News Feed")
        olena = create_author(session, "Olena Koval", role="Reporter")
        taras = create_author(session, "Taras Bondar", role="Photo editor")
        photo, _new = add_photo(session, ingest_file(FIXTURE_PHOTOS / "Canon.jpg"))
        photo.creator = "Taras Bondar"
        photo.credit_line = "Workstation Agency"
        photo.caption = "Morning light over the river"
        photo.alt_text = "A river at dawn"
        story = new_article(session, "Power returns to the river districts")
        story.body = "The first paragraph is here.\n\nThe second paragraph follows it.\n\nA third one closes."
        story.dek = "Crews worked through the night."
        story.section_id = section.id
        set_bylines(session, story, [olena, taras])
        other = new_article(session, "Bridge reopens to traffic")
        other.body = "Cars crossed again on Tuesday."
        other.status = "published"
        empty = new_article(session, "Notes")
        ids = {
            "story": story.id,
            "story_slug": story.slug,
            "other_slug": other.slug,
            "empty": empty.id,
            "photo": photo.id,
            "authors": [olena.id, taras.id],
            "section": section.id,
        }
    return ids


@pytest.fixture
def filled(library: Library) -> dict[str, Any]:
    return fill_library(library)


@pytest.fixture
def make_desk(qtbot: Any, library: Library) -> Iterator[Callable[..., Any]]:
    """Builds an ArticleDesk on the test library (closed, and saved, at teardown)."""
    from workstation.library.settings import load_settings
    from workstation.ui.article_desk import ArticleDesk

    desks: list[Any] = []

    def make(lib: Library | None = None, readonly: bool = False) -> Any:
        lib = lib or library
        with lib.session() as session:
            settings = load_settings(session)
        desk = ArticleDesk(lib, settings, readonly=readonly)
        qtbot.addWidget(desk)
        desk.resize(1200, 700)
        desk.show()
        qtbot.waitUntil(lambda: desk.spelling_ready, timeout=10_000)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        desk.close_article()
        desk.preview.release()


def fresh_article(path: Path, article_id: int) -> dict[str, Any]:
    """The article as a new connection reads it from the file."""
    from workstation.library.models import Article

    with open_library(path, readonly=True) as lib, lib.session() as session:
        article = session.get(Article, article_id)
        return {"body": article.body, "headline": article.headline, "status": article.status}


def run_js(qtbot: Any, desk: Any, script: str) -> Any:
    """Evaluate ``script`` in the preview and wait for its result."""
    box: list[Any] = []
    desk.preview.run_js(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def wait_for_preview(qtbot: Any, desk: Any) -> None:
    qtbot.waitUntil(lambda: desk.preview._ready, timeout=20_000)


def type_text(widget: Any, text: str) -> None:
    """Type ``text`` key by key, Cyrillic included (QTest.keyClicks is ASCII-only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        typed = "\r" if char == "\n" else char
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed))
