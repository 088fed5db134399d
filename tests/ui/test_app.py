"""The running app: kill -9 keeps the typing, a second instance is read-only, start-up errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.conftest import fresh_article, type_text

DRIVER = Path(__file__).with_name("drivers") / "type_and_wait.py"
ROOT = Path(__file__).resolve().parents[2]


def test_kill_9_after_typing_loses_nothing_older_than_a_second(library, filled, tmp_path):
    path = library.path
    library.close()
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=python_path, XDG_CONFIG_HOME=str(tmp_path))
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), str(path), filled["story_slug"], " Written before the crash."],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "typed"
        time.sleep(1.6)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert fresh_article(path, filled["story"])["body"].endswith(" Written before the crash.")


def test_a_second_instance_opens_the_library_read_only(qtbot, library, filled):
    from workstation.library.lock import LibraryLock
    from workstation.ui.app import open_locked

    holder = LibraryLock(library.path)
    assert holder.acquire()
    try:
        second, lock, who = open_locked(library.path)
        try:
            assert second.readonly and lock is None
            assert f"pid {os.getpid()}" in who
        finally:
            second.close()
    finally:
        holder.release()


def test_the_read_only_window_says_so_and_saves_nothing(qtbot, library, filled):
    from workstation.library.lock import LibraryLock
    from workstation.ui.app import open_window

    holder = LibraryLock(library.path)
    assert holder.acquire()
    try:
        window = open_window(library.path, open_slug=filled["story_slug"])
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.desk.article_id is not None)
        assert window.desk.banner.isVisible()
        assert "another Workstation window" in window.desk.banner.text()
        assert "read-only" in window.windowTitle()
        type_text(window.desk.editor, "Should not land")
        assert not window.desk.save_now("close")
        window.close()
    finally:
        holder.release()
    assert "Should not land" not in fresh_article(library.path, filled["story"])["body"]


def test_open_slug_puts_the_caret_in_the_body_editor(qtbot, library, filled):
    from PySide6.QtWidgets import QApplication

    from workstation.ui.app import open_window

    window = open_window(library.path, open_slug=filled["story_slug"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.desk.editor)
    window.close()


def test_a_missing_library_is_one_clear_line_and_exit_2(qtbot, tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from workstation.ui.app import run_app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert run_app(str(tmp_path / "nowhere.wslib")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such library file" in err
    assert shown and "no such library file" in shown[0]


def test_the_lock_is_free_again_after_the_window_closes(qtbot, library, filled):
    from workstation.library.lock import LibraryLock
    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    window.close()
    window.release()
    again = LibraryLock(library.path)
    assert again.acquire()
    again.release()


@pytest.mark.parametrize("content", [b"", b"not sqlite at all", b"SQLite format 3\x00" + b"\xff" * 50])
def test_a_broken_file_is_refused_untouched(qtbot, tmp_path, monkeypatch, capsys, content):
    from PySide6.QtWidgets import QMessageBox

    from workstation.ui.app import run_app

    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    bad = tmp_path / "bad.wslib"
    bad.write_bytes(content)
    assert run_app(str(bad)) == 2
    assert bad.read_bytes() == content
    assert capsys.readouterr().err.startswith("workstation: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.wslib"]


def test_the_photo_desk_inserts_and_sets_the_lead_of_the_open_article(qtbot, library, filled):
    from workstation.ui.app import open_window

    window = open_window(library.path, open_slug=filled["story_slug"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.desk.article_id == filled["story"])
    window.show_desk("photos")
    photos = window.desks["photos"]
    assert window.stack.currentWidget() is photos
    photos.insert_photo_requested.emit(filled["photo"])
    assert window.stack.currentWidget() is window.desk
    assert f"(photo:{filled['photo']})" in window.desk.editor.toPlainText()
    photos.set_lead_requested.emit(filled["photo"])
    assert window.desk.panel.values()["feature_photo_id"] == filled["photo"]
    window.close()


def test_the_author_desk_opens_in_the_main_window(qtbot, library, filled):
    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    window.show_desk("authors")
    assert window.stack.currentWidget() is window.desks["authors"]
    window.show_desk("articles")
    assert window.stack.currentWidget() is window.desk
    window.close()


def test_unsaved_author_edits_keep_the_window_open_when_the_user_cancels(qtbot, library, filled, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    window.show()
    window.show_desk("authors")
    authors = window.desks["authors"]
    authors.new_author()
    authors.form.name_edit.setText("Unsaved Person")
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    window.show_desk("articles")
    assert window.stack.currentWidget() is authors
    assert not window.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_file_import_photos_opens_the_photo_desk_import_dialog(qtbot, library, filled, monkeypatch):
    from workstation.ui.app import open_window
    from workstation.ui.photo_desk.desk import PhotoDesk

    asked = []
    monkeypatch.setattr(PhotoDesk, "open_import_dialog", lambda desk: asked.append(desk))
    window = open_window(library.path)
    qtbot.addWidget(window)
    window.import_photos()
    assert window.stack.currentWidget() is window.desks["photos"] and asked == [window.desks["photos"]]
    window.close()


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((1366, 768), None), ((1280, 1024), (1280, 900)), ((1920, 1080), (1632, 900)), ((2560, 1440), (2176, 900))],
)
def test_a_first_window_never_reaches_past_the_screen(screen, expected):
    from PySide6.QtCore import QSize

    from workstation.ui.main_window import first_run_size

    size = first_run_size(QSize(*screen))
    assert (None if size is None else (size.width(), size.height())) == expected


def test_the_navigator_folds_to_a_rail_beside_the_photo_desk_and_returns_after(qtbot, library, filled):
    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    article_width = window.splitter.sizes()[0]
    window.show_desk("photos")
    assert window.navigator.compact and window.splitter.sizes()[0] < article_width / 2
    window.show_desk("articles")
    assert not window.navigator.compact and window.splitter.sizes()[0] == article_width
    window.close()


def _drop_event(path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    return mime, event


def test_a_library_dropped_on_the_window_is_opened(qtbot, library, filled, tmp_path):
    from workstation.library.database import open_library
    from workstation.ui.app import open_window

    other = tmp_path / "other.wslib"
    open_library(other, create=True).close()
    window = open_window(library.path)
    qtbot.addWidget(window)
    _mime, event = _drop_event(other)
    with qtbot.waitSignal(window.open_library_requested) as opened:
        window.dropEvent(event)
    assert opened.args == [str(other)]
    window.close()


def test_a_photo_dropped_on_the_window_is_not_taken_for_a_library(qtbot, library, filled, fixture_photos):
    from workstation.ui.app import open_window

    window = open_window(library.path)
    qtbot.addWidget(window)
    _mime, event = _drop_event(fixture_photos / "Canon.jpg")
    with qtbot.assertNotEmitted(window.open_library_requested):
        window.dropEvent(event)
    window.close()

