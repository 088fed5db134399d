"""The live preview: typing patches the page, photos come from the library, nothing leaves the machine."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from tests.ui.conftest import run_js, type_text, wait_for_preview


@pytest.fixture
def desk(qtbot, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    wait_for_preview(qtbot, desk)
    return desk


def body_text(qtbot, desk) -> str:
    return run_js(qtbot, desk, "document.getElementById('ws-body').innerText")


def test_the_page_shows_the_article_body(qtbot, desk):
    assert "The second paragraph follows it." in body_text(qtbot, desk)


def test_typing_changes_the_page(qtbot, desk):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, "\n\nBreaking: a new paragraph.")
    qtbot.waitUntil(lambda: "Breaking: a new paragraph." in body_text(qtbot, desk), timeout=5000)


def test_an_edit_replaces_only_the_changed_block(qtbot, desk):
    run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block')[2].dataset.mark = 'kept'")
    cursor = desk.editor.textCursor()
    cursor.setPosition(len("The first"))
    desk.editor.setTextCursor(cursor)
    type_text(desk.editor, " edited")
    qtbot.waitUntil(lambda: "The first edited paragraph" in body_text(qtbot, desk), timeout=5000)
    assert run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block')[2].dataset.mark") == "kept"


def test_deleting_a_paragraph_removes_it_from_the_page(qtbot, desk):
    desk.editor.replace_all_text("Only this one is left.")
    qtbot.waitUntil(lambda: body_text(qtbot, desk).strip() == "Only this one is left.", timeout=5000)


def test_a_headline_edit_redraws_the_page_around_the_body(qtbot, desk):
    desk.panel.headline.setPlainText("A changed headline")
    qtbot.waitUntil(
        lambda: run_js(qtbot, desk, "document.querySelector('h1').innerText") == "A changed headline", timeout=5000
    )
    assert "The second paragraph follows it." in body_text(qtbot, desk)


def test_an_inserted_photo_shows_as_a_figure_with_its_credit(qtbot, desk, filled):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    desk.insert_photo(filled["photo"])
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body figure').length") == 1, timeout=5000)
    figure = run_js(qtbot, desk, "document.querySelector('#ws-body figure').innerText")
    assert "Taras Bondar" in figure and "Workstation Agency" in figure
    src = run_js(qtbot, desk, "document.querySelector('#ws-body figure img').currentSrc")
    assert src.startswith("ws-photo://photo/")


def test_photos_load_from_the_library(qtbot, desk, filled):
    desk.insert_photo(filled["photo"])
    qtbot.waitUntil(
        lambda: (run_js(qtbot, desk, "(function(){const i=document.querySelector('#ws-body figure img');"
                                     "return i && i.complete ? i.naturalWidth : 0})()") or 0) > 0,
        timeout=10_000,
    )


def test_no_request_leaves_the_machine(qtbot, desk):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    run_js(qtbot, desk, "fetch('https://example.com/tracker').catch(() => null); "
                        "const i = new Image(); i.src = 'http://example.com/pixel.gif'; document.body.appendChild(i); 1")
    blocker = desk.preview.profile.blocker
    qtbot.waitUntil(lambda: len(blocker.blocked) >= 2, timeout=5000)
    assert all(url.startswith(("http://", "https://")) for url in blocker.blocked)


def test_phone_width_narrows_the_page_to_390_pixels(qtbot, desk):
    desk.preview.phone_button.setChecked(True)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "window.innerWidth") == 390, timeout=5000)
