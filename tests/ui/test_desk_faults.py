"""Faults seen on the desks, fixed: each test failed before its fix."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import run_js, wait_for_preview
from workstation.library.models import Article


def _window(qtbot, library, slug):
    from workstation.ui.app import open_window

    window = open_window(library.path, open_slug=slug)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.desk.article_id is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


def test_phone_width_turned_off_gives_the_preview_its_whole_pane_back(qtbot, filled, make_desk):
    desk = make_desk()
    desk.resize(1900, 800)
    desk.open_article(filled["story"])
    wait_for_preview(qtbot, desk)
    full = desk.preview.view.width()
    assert full > 390
    desk.preview.phone_button.setChecked(True)
    qtbot.waitUntil(lambda: desk.preview.view.width() == 390)
    desk.preview.phone_button.setChecked(False)
    qtbot.waitUntil(lambda: desk.preview.view.width() == full, timeout=5000)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.documentElement.clientWidth") > 390, timeout=5000)


def test_the_desk_keys_work_after_a_dialog_closes_with_the_focus_outside_the_text(qtbot, library, filled):
    window = _window(qtbot, library, filled["story_slug"])
    QTimer.singleShot(200, lambda: QApplication.activeModalWidget().reject())
    window.desk.insert_related_dialog()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.navigator.search.setFocus()
    qtbot.waitUntil(window.navigator.search.hasFocus)
    assert window.desk.preview.isVisible()
    QTest.keyClick(window.navigator.search, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.desk.preview.isVisible()
    window.close()


def test_the_desk_keys_do_nothing_while_another_desk_is_shown(qtbot, library, filled):
    window = _window(qtbot, library, filled["story_slug"])
    window.show_desk("authors")
    QTest.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.desk.actions_by_name["preview"].isChecked()
    window.close()


def test_where_used_opens_the_article_and_the_photo_actions_name_it(qtbot, library, filled):
    with library.transaction() as session:
        session.get(Article, filled["story"]).feature_photo_id = filled["photo"]
    window = _window(qtbot, library, filled["other_slug"])
    window.show_desk("photos")
    photos = window.desks["photos"]
    photos.refresh()
    photos.select_photos([filled["photo"]])
    assert photos.inspector.insert_button.text() == "Insert into “Bridge reopens to traffic”"
    assert photos.inspector.lead_button.text().startswith("Lead photo of “Bridge reopens")
    row = photos.inspector.usage_tree.topLevelItem(0)
    assert row.text(0) == "Power returns to the river districts"
    photos.inspector.usage_tree.itemActivated.emit(row, 0)
    assert window.stack.currentWidget() is window.desk
    assert window.desk.article_id == filled["story"]
    window.close()


def test_the_photo_actions_are_off_with_no_article_open(qtbot, library, filled):
    window = _window(qtbot, library, filled["other_slug"])
    window.desk.close_article()
    window.desk.edit = None
    window.show_desk("photos")
    inspector = window.desks["photos"].inspector
    assert not inspector.insert_button.isEnabled()
    assert inspector.insert_button.toolTip() == "Open an article on the article desk first"
    window.close()


def test_the_author_form_does_not_move_when_an_error_appears(qtbot, library):
    from workstation.ui.author_desk import AuthorDesk

    desk = AuthorDesk(library)
    qtbot.addWidget(desk)
    desk.resize(1300, 760)
    desk.show()
    form = desk.form
    before = form.website_edit.mapTo(form, form.website_edit.rect().topLeft()).y()
    form.email_edit.setText("not an address at all, and a long one that would wrap over two lines of the form")
    form.email_edit.editingFinished.emit()
    qtbot.waitUntil(form.errors["email"].isVisible)
    QApplication.processEvents()
    assert form.website_edit.mapTo(form, form.website_edit.rect().topLeft()).y() == before
    assert "not a valid" in form.errors["email"].text()


def test_preferences_keeps_its_width_and_height_as_its_error_grows(qtbot, library):
    from workstation.library.settings import load_settings
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        dialog = PreferencesDialog(library, load_settings(session))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()
    dialog.house_style.setPlainText("patterns:\n  - pattern: '(" + "x" * 280 + "'\n")
    dialog.accept()
    qtbot.wait(50)
    assert "house style: pattern 1 is not a valid pattern" in dialog.error.text()
    assert dialog.size() == size
    assert dialog.isVisible()


def test_the_author_box_preview_is_dark_in_the_dark_theme(qtbot, library):
    from workstation.ui.author_desk.box_preview import AuthorBoxPreview
    from workstation.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, "dark")
    try:
        box = AuthorBoxPreview(library)
        qtbot.addWidget(box)
        box.resize(600, 400)
        box.show()
        with qtbot.waitSignal(box.rendered, timeout=20_000):
            box.show_fields({"name": "Olena Koval", "slug": "olena-koval", "role": "Reporter", "bio": "Covers energy."})
        seen: list = []
        box.view.page().runJavaScript("document.documentElement.dataset.wsScheme || ''", 0, seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
        assert seen == ["dark"]
    finally:
        apply_theme(app, "light")
