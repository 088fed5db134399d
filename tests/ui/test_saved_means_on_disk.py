"""The desks say "Saved" only for what a new connection to the file can already read."""

from __future__ import annotations

from tests.ui.conftest import fresh_article, type_text


def test_at_the_moment_saved_is_shown_the_text_is_in_the_file(qtbot, library, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    seen: list[tuple[str, str]] = []
    desk.status_message.connect(
        lambda text: text.startswith("Saved") and seen.append((text, fresh_article(library.path, filled["story"])["body"]))
    )
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, " Filed from the station.")
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen[0][1].endswith(" Filed from the station.")


def test_a_save_that_fails_says_not_saved_and_keeps_the_text(qtbot, library, filled, make_desk):
    from workstation.library.models import Article

    desk = make_desk()
    desk.open_article(filled["story"])
    messages: list[str] = []
    desk.status_message.connect(messages.append)
    with library.transaction() as session:
        session.delete(session.get(Article, filled["story"]))
    type_text(desk.editor, "Words with nowhere to go. ")
    assert not desk.save_now()
    assert messages[-1].startswith("Not saved:") and not any(m.startswith("Saved") for m in messages)
    assert desk.editor.toPlainText().startswith("Words with nowhere to go. ")


def test_the_author_desk_says_saved_only_with_the_profile_in_the_file(qtbot, library, filled):
    from workstation.editing.authors import open_profile
    from workstation.library.database import open_library
    from workstation.ui.author_desk import AuthorDesk

    desk = AuthorDesk(library)
    qtbot.addWidget(desk)
    desk.select_author(filled["authors"][0])
    desk.form.location_edit.setText("Kharkiv")
    assert desk.save()
    assert desk.saved_label.text() == "Saved."
    with open_library(library.path, readonly=True) as lib:
        assert open_profile(lib, filled["authors"][0]).fields["location"] == "Kharkiv"
