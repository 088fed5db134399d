"""The profile form: refusals shown where they belong and nothing saved; good profiles reach the file."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from workstation.library.authors import find_author
from workstation.library.database import Library, open_library
from workstation.ui.author_desk import AuthorDesk, profile_form


def stored(library: Library, slug: str):  # type: ignore[no-untyped-def]
    """The profile as a fresh connection to the file sees it."""
    with open_library(library.path, readonly=True) as fresh, fresh.session() as session:
        author = find_author(session, slug)
        if author is not None:
            _ = author.avatar
            session.expunge(author)
        return author


def select(desk, name: str) -> None:  # type: ignore[no-untyped-def]
    for row in range(desk.author_model.rowCount()):
        if desk.author_model.text(row).startswith(name):
            desk.select_row(row)
            return
    raise AssertionError(f"{name} is not listed")


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key presses carrying each character: QTest's keyClicks cannot type Cyrillic."""
    for char in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        )


def retype(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_list_shows_every_author_with_article_counts(desk) -> None:  # type: ignore[no-untyped-def]
    rows = [desk.author_model.text(r) for r in range(desk.author_model.rowCount())]
    assert rows == ["Anna Moroz\n2 articles · Reporter", "Ivan Petrenko\n1 article · Photo editor"]


def test_search_narrows_the_list(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(desk.search, "energ")
    qtbot.waitUntil(lambda: desk.author_model.rowCount() == 1)
    assert desk.author_model.text(0).startswith("Anna Moroz")
    assert desk.count_label.text() == "1 of 2 authors match"


def test_bad_email_shows_an_error_and_nothing_is_saved(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.email_edit, "anna@")
    retype(qtbot, desk.form.role_edit.lineEdit(), "Editor")
    qtbot.mouseClick(desk.save_button, Qt.MouseButton.LeftButton)
    assert desk.error_banner.isVisible()
    assert "email 'anna@' is not a valid address" in desk.error_banner.text()
    assert desk.form.errors["email"].isVisible()
    author = stored(library, "anna-moroz")
    assert (author.email, author.role) == ("anna@example.com", "Reporter")


def test_email_is_checked_when_the_field_is_left(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.email_edit, "anna at example")
    assert not desk.form.errors["email"].isVisible()
    desk.form.email_edit.editingFinished.emit()
    assert desk.form.errors["email"].isVisible()
    retype(qtbot, desk.form.email_edit, "anna@example.org")
    assert not desk.form.errors["email"].isVisible()


def test_javascript_website_is_refused(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.website_edit, "javascript:alert(1)")
    assert not desk.save()
    assert "must start with https:// or http://" in desk.form.errors["website"].text()
    assert stored(library, "anna-moroz").website == ""


def test_data_link_in_the_links_table_is_marked_and_refused(desk, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    desk.form.links.set_links(
        [{"label": "Mastodon", "url": "https://mastodon.example/@anna"}, {"label": "Evil", "url": "data:text/html,x"}]
    )
    desk.form.links.changed.emit()
    assert not desk.save()
    assert "social link 2" in desk.error_banner.text()
    assert "'data:text/html,x' must start with https://" in desk.form.links.table.item(1, 1).toolTip()
    assert stored(library, "anna-moroz").social_links == []


def test_duplicate_slug_is_flagged_as_typed_and_refused(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Ivan Petrenko")
    retype(qtbot, desk.form.slug_edit, "anna-moroz")
    assert desk.form.errors["slug"].isVisible()
    assert "already used by Anna Moroz" in desk.form.errors["slug"].text()
    assert not desk.save()
    assert stored(library, "ivan-petrenko") is not None


def test_empty_name_is_refused(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Ivan Petrenko")
    desk.form.name_edit.clear()
    assert not desk.save()
    assert desk.form.errors["name"].text() == "name is required"
    assert stored(library, "ivan-petrenko").name == "Ivan Petrenko"


def test_huge_bio_is_counted_and_refused(desk, library: Library) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    desk.form.bio_edit.setPlainText("word " * 5000)
    assert desk.form.errors["bio"].isVisible()
    assert not desk.save()
    assert stored(library, "anna-moroz").bio == "Covers energy."


def test_new_authors_slug_follows_the_transliterated_name(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    desk.new_author()
    type_text(desk.form.name_edit, "Олена Коваленко")
    assert desk.form.slug_edit.text() == "olena-kovalenko"
    assert desk.form.slug_hint.text() == "Author page: author/olena-kovalenko/"


def test_a_good_new_profile_is_saved_to_the_file(desk, qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    desk.new_author()
    type_text(desk.form.name_edit, "Олена Коваленко")
    desk.form.role_edit.setEditText("Correspondent")
    qtbot.keyClicks(desk.form.email_edit, "olena@example.com")
    qtbot.keyClicks(desk.form.website_edit, "https://olena.example.org/")
    qtbot.keyClicks(desk.form.location_edit, "Kharkiv")
    desk.form.links.set_links([{"label": "Mastodon", "url": "https://mastodon.example/@olena"}])
    desk.form.bio_edit.setPlainText("Covers the *east*.")
    qtbot.mouseClick(desk.save_button, Qt.MouseButton.LeftButton)
    assert not desk.error_banner.isVisible()
    author = stored(library, "olena-kovalenko")
    assert (author.name, author.role, author.email, author.website, author.location, author.bio) == (
        "Олена Коваленко",
        "Correspondent",
        "olena@example.com",
        "https://olena.example.org/",
        "Kharkiv",
        "Covers the *east*.",
    )
    assert author.social_links == [{"label": "Mastodon", "url": "https://mastodon.example/@olena"}]
    assert desk.author_model.text(desk.author_list.currentIndex().row()).startswith("Олена Коваленко")
    assert not desk.form.dirty


def test_cropped_avatar_is_saved_as_a_square(desk, qtbot, library: Library, quadrant_png: Callable[[], bytes]) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Ivan Petrenko")
    desk.form.apply_crop(quadrant_png(), (450, 320, 250))
    qtbot.waitUntil(lambda: desk.form.avatar_change()[0], timeout=5000)
    assert desk.save()
    avatar = Image.open(io.BytesIO(stored(library, "ivan-petrenko").avatar))
    assert avatar.size == (250, 250)
    assert avatar.convert("RGB").getpixel((125, 125))[0] > 200  # yellow: the bottom-right quadrant


def test_removing_the_avatar_returns_to_initials(
    desk, qtbot, library: Library, quadrant_png: Callable[[], bytes]
) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Ivan Petrenko")
    desk.form.apply_crop(quadrant_png(), None)
    qtbot.waitUntil(lambda: desk.form.avatar_change()[0], timeout=5000)
    desk.save()
    qtbot.mouseClick(desk.form.remove_avatar_button, Qt.MouseButton.LeftButton)
    desk.save()
    assert stored(library, "ivan-petrenko").avatar is None


def test_a_picture_that_is_not_an_image_is_reported_beside_the_avatar(desk, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "portrait.jpg"
    fake.write_bytes(b"<html>not a picture</html>")
    desk.form.crop_file(fake)
    qtbot.waitUntil(lambda: "not an image" in desk.form.avatar_status.text(), timeout=5000)
    assert desk.form.choose_file_button.isEnabled()


def test_leaving_unsaved_changes_can_be_cancelled(desk, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.role_edit.lineEdit(), "Editor")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    select(desk, "Ivan Petrenko")
    assert desk.form.name_edit.text() == "Anna Moroz"
    assert desk.form.role_edit.currentText() == "Editor"


def test_revert_restores_the_stored_profile(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.name_edit, "Someone Else")
    qtbot.mouseClick(desk.revert_button, Qt.MouseButton.LeftButton)
    assert desk.form.name_edit.text() == "Anna Moroz"
    assert not desk.form.dirty


def test_saving_tells_the_other_desks(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    retype(qtbot, desk.form.role_edit.lineEdit(), "Editor")
    with qtbot.waitSignal(desk.authorsChanged, timeout=1000):
        desk.save()


def test_every_bad_field_is_marked_when_saving_fails(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(desk, "Anna Moroz")
    desk.form.email_edit.setText("anna@")
    desk.form.website_edit.setText("javascript:alert(1)")
    assert not desk.save()
    assert desk.form.errors["email"].isVisible()
    assert desk.form.errors["website"].isVisible()


def test_a_read_only_library_can_be_browsed_but_not_changed(qtbot, library: Library, authors) -> None:  # type: ignore[no-untyped-def]
    with open_library(library.path, readonly=True) as readonly:
        view = AuthorDesk(readonly)
        qtbot.addWidget(view)
        assert view.author_model.rowCount() == 2
        assert not view.save_button.isEnabled()
        assert not view.delete_button.isEnabled()
        assert "Read-only" in view.saved_label.text()


def test_a_huge_picture_file_is_refused_before_reading(desk, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(profile_form, "MAX_AVATAR_FILE", 2**20)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8" + b"\0" * 2**21)
    desk.form.crop_file(big)
    assert desk.form.avatar_status.text() == "big.jpg is 2.0 MB; the limit is 1 MB"


def test_a_missing_picture_file_is_reported(desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    desk.form.crop_file(tmp_path / "gone.jpg")
    assert desk.form.avatar_status.text().startswith("gone.jpg cannot be read (No such file")
