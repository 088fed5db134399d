"""The main window's part in "one writer": Edit ▸ Undo for batch photo edits, and a journal deleted under it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import type_text

OTHER_WRITER = """
import sys
from workstation.library.database import open_library
from workstation.library.models import Setting
with open_library(sys.argv[1]) as library, library.transaction() as session:
    session.merge(Setting(key="other-process", value="1"))
"""


def _window(qtbot, path, **kwargs):
    from workstation.ui.app import open_window

    window = open_window(path, **kwargs)
    qtbot.addWidget(window)
    return window


def test_edit_undo_on_the_photo_desk_takes_back_the_latest_batch_edit(qtbot, library, filled):
    from workstation.library.models import Photo

    with library.session() as session:
        [photo_id] = [photo.id for photo in session.query(Photo)]
    window = _window(qtbot, library.path)
    window.show_desk("photos")
    desk = window.desks["photos"]
    desk.refresh()
    desk.select_photos([photo_id])
    desk.open_batch_edit()
    desk.batch_dialog.checks["credit_line"].setChecked(True)
    desk.batch_dialog.edits["credit_line"].setText("Pool via Agency")
    desk.batch_dialog.apply_button.click()
    undo = next(action for action in window.menuBar().actions()[1].menu().actions() if action.text() == "&Undo")
    undo.trigger()
    with library.session() as session:
        assert session.get(Photo, photo_id).credit_line == "Workstation Agency"
    assert "undone on 1 photo" in desk.status_label.text()
    window.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_a_journal_deleted_under_the_window_stops_saving_and_keeps_the_article_in_a_recovery_file(
    qtbot, library, filled, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    window = _window(qtbot, library.path, open_slug=filled["story_slug"])
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    with open(library.path, "rb") as handle:  # what a file dialog does: the window's locks are gone
        handle.read(100)
    subprocess.run([sys.executable, "-c", OTHER_WRITER, str(library.path)], check=True, timeout=60)
    type_text(window.desk.editor, " Words typed after the journal went.")
    window.desk.save_if_dirty()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "saving has stopped" in shown[0]
    recovered = window.recovery_file
    assert recovered is not None and recovered.parent == library.path.parent
    assert recovered.name.startswith(f"{library.path.name}.recovered-")
    text = recovered.read_text(encoding="utf-8")
    assert "Words typed after the journal went." in text
    assert "headline: Power returns to the river districts" in text
    # Typing after the message could be neither saved nor recovered: none is taken; the banner names the file.
    before = window.desk.editor.toPlainText()
    type_text(window.desk.editor, " Typed after the message.")
    assert window.desk.editor.toPlainText() == before
    assert recovered.name in window.desk.banner.text()
    window.close()
