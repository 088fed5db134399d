"""Merging and deleting from the desk, and the author box preview."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from workstation.library.articles import find_article
from workstation.library.authors import find_author
from workstation.library.database import Library, open_library
from workstation.ui.author_desk.dialogs import AuthorChoice, DeleteDialog, MergeDialog


def byline_names(library: Library, slug: str) -> list[str]:
    with open_library(library.path, readonly=True) as fresh, fresh.session() as session:
        return [author.name for author in find_article(session, slug).authors]


def listed(desk) -> list[str]:  # type: ignore[no-untyped-def]
    return [desk.author_model.text(r).split("\n")[0] for r in range(desk.author_model.rowCount())]


def test_merge_dialog_explains_what_happens_and_needs_two_authors(qtbot) -> None:  # type: ignore[no-untyped-def]
    choices = [AuthorChoice(1, "Anna Moroz", "anna-moroz", 2), AuthorChoice(2, "A. Moroz", "a-moroz", 1)]
    dialog = MergeDialog(choices, remove_id=2)
    qtbot.addWidget(dialog)
    assert dialog.choice() == (1, 2)
    assert "A. Moroz's 1 article will be credited to Anna Moroz" in dialog.summary.text()
    dialog.keep_combo.setCurrentIndex(1)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_enter_in_the_merge_dialog_cancels_rather_than_merges(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    choices = [AuthorChoice(1, "Anna Moroz", "anna-moroz", 2), AuthorChoice(2, "A. Moroz", "a-moroz", 1)]
    dialog = MergeDialog(choices, remove_id=2)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == MergeDialog.DialogCode.Rejected


def test_merging_from_the_desk_moves_the_bylines(desk, library: Library, authors: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert desk.merge(keep_id=authors["ivan"], remove_id=authors["anna"])
    assert listed(desk) == ["Ivan Petrenko"]
    assert byline_names(library, "story-1") == ["Ivan Petrenko"]
    assert byline_names(library, "story-2") == ["Ivan Petrenko"]
    assert desk.form.name_edit.text() == "Ivan Petrenko"
    assert desk.form.bio_edit.toPlainText() == "Covers energy."


def test_delete_dialog_offers_every_other_author(qtbot) -> None:  # type: ignore[no-untyped-def]
    anna = AuthorChoice(1, "Anna Moroz", "anna-moroz", 2)
    dialog = DeleteDialog(anna, [AuthorChoice(2, "Ivan Petrenko", "ivan-petrenko", 1)])
    qtbot.addWidget(dialog)
    assert dialog.move_to() == 2


def test_deleting_with_a_move_reassigns_the_articles(desk, library: Library, authors: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert desk.delete(authors["anna"], authors["ivan"])
    assert listed(desk) == ["Ivan Petrenko"]
    assert byline_names(library, "story-1") == ["Ivan Petrenko"]
    assert byline_names(library, "story-2") == ["Ivan Petrenko"]


def test_deleting_an_author_with_articles_without_a_move_is_refused(
    desk, library: Library, authors: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    assert not desk.delete(authors["anna"], None)
    assert "Anna Moroz is on 2 articles" in desk.error_banner.text()
    with open_library(library.path, readonly=True) as fresh, fresh.session() as session:
        assert find_author(session, "anna-moroz") is not None


def test_preview_shows_the_author_box_as_typed(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    desk.form.bio_edit.setPlainText("Covers *energy* & the grid.")
    with qtbot.waitSignal(desk.preview.rendered, timeout=15000):
        desk.preview.render_now()
    assert 'class="author-box"' in desk.preview.html
    assert "<em>energy</em> &amp; the grid" in desk.preview.html
    assert "Anna Moroz" in desk.preview.html


def test_preview_escapes_a_hostile_bio(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    desk.form.bio_edit.setPlainText('<script>alert(1)</script> <a href="javascript:alert(2)">x</a>')
    desk.preview.render_now()
    assert "<script>alert(1)" not in desk.preview.html
    assert "javascript:" not in desk.preview.html
