"""Import image from URL on the article desk: the body's remote picture downloaded, imported and used."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from tests.editing.test_url_import import server  # noqa: F401 - the fixture
from tests.ui.conftest import fresh_article
from workstation.library.models import Article


def test_the_remote_picture_is_offered_imported_and_used_in_the_body(
    qtbot: Any, library: Any, filled: dict, make_desk: Any, server: str  # noqa: F811
) -> None:
    url = f"{server}/chart.jpg"
    with library.transaction() as session:
        session.get(Article, filled["story"]).body = f"Text.\n\n![Closures]({url})\n"
    desk = make_desk()
    desk.open_article(filled["story"])
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.textValue())
        dialog.accept()

    QTimer.singleShot(200, answer)
    desk.import_image_from_url()
    assert offered == [url]
    qtbot.waitUntil(lambda: "](photo:" in desk.editor.toPlainText(), timeout=60_000)
    assert url not in desk.editor.toPlainText()
    desk.save_now()
    assert "![Closures](photo:" in fresh_article(library.path, filled["story"])["body"]
