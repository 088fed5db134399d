"""After the library's journal was deleted under the window, no typing is accepted that could be lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import type_text
from tests.ui.test_one_writer_window import OTHER_WRITER, _window


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_after_the_recovery_file_the_article_takes_no_more_typing_and_the_banner_names_the_file(
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
    type_text(window.desk.editor, " Kept.")
    window.desk.save_if_dirty()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    before = window.desk.editor.toPlainText()
    type_text(window.desk.editor, " Typed after the message.")
    assert window.desk.editor.toPlainText() == before
    assert window.recovery_file is not None
    assert window.recovery_file.name in window.desk.banner.text()
    assert "Kept." in window.recovery_file.read_text(encoding="utf-8")
    window.close()
