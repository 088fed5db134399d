"""The desk on a newsroom: opened by URL, who is working, who else is editing, take-over, lists that follow others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from tests.editing.presence_desk import Desk
from workstation.cli import main
from workstation.editing import articles
from workstation.editing.identity import people
from workstation.editing.presence import TakenOver
from workstation.errors import LibraryError
from workstation.library.database import Library, open_library
from workstation.library.newsroom import shown

WAIT_MS = 20_000
PASSWORD = "s3cret-pw"


@pytest.fixture
def newsroom_url(new_newsroom_url, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKSTATION_USER", "Olena Marchenko")
    url = new_newsroom_url()
    with open_library(url) as newsroom:
        articles.create_article(newsroom)
    return url


@pytest.fixture
def window(qtbot, newsroom_url: str) -> Iterator:  # type: ignore[no-untyped-def]
    from workstation.ui.app import open_window

    opened = open_window(newsroom_url)
    qtbot.addWidget(opened)
    yield opened
    opened.close()
    opened.release()


@pytest.fixture
def taras(newsroom_url: str) -> Iterator[Desk]:
    desk = Desk(newsroom_url, "Taras Bondar")
    yield desk
    desk.close()


def first_article(library: Library) -> int:
    return articles.article_to_reopen(library, None)


def test_the_app_opens_a_newsroom_by_its_url(window, newsroom_url: str) -> None:  # type: ignore[no-untyped-def]
    assert window.library.address == shown(newsroom_url)
    assert "Olena Marchenko" in window.windowTitle() and window.library.name in window.windowTitle()
    assert window.who.text() == "Working as Olena Marchenko"


def test_the_recent_list_remembers_a_newsroom_without_its_password(window) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.main_window import recent_libraries

    assert window.library.address in [str(place) for place in recent_libraries(QSettings())]


def test_the_desk_user_joins_the_newsrooms_people(window) -> None:  # type: ignore[no-untyped-def]
    assert "Olena Marchenko" in people(window.library)


def test_the_list_shows_who_else_is_editing(qtbot, window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    story = first_article(taras.library)
    taras.presence.hold(story)
    qtbot.waitUntil(lambda: window.navigator.holder(story) == "Taras Bondar", timeout=WAIT_MS)
    # The list is read once the window has painted and built its article desk.
    qtbot.waitUntil(lambda: window.navigator.model.text(story) is not None, timeout=WAIT_MS)
    assert "Taras Bondar is editing" in window.navigator.model.text(story)
    taras.presence.release(story)
    qtbot.waitUntil(lambda: window.navigator.holder(story) is None, timeout=WAIT_MS)
    assert "is editing" not in window.navigator.model.text(story)


def test_an_article_someone_else_holds_opens_read_only_and_says_who(window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    story = first_article(taras.library)
    taras.presence.hold(story)
    window.open_article(story)
    assert window.desk.readonly and window.desk.editor.isReadOnly()
    assert window.desk.presence_bar.isVisibleTo(window)
    assert "Taras Bondar is editing this article" in window.desk.presence_bar.text.text()


def test_taking_over_tells_the_holder_and_lets_this_desk_edit(qtbot, window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    story = first_article(taras.library)
    taras.presence.hold(story)
    window.open_article(story)
    window.desk.presence_bar.button.click()
    assert not window.desk.readonly and not window.desk.editor.isReadOnly()
    told = taras.hears(lambda event: isinstance(event, TakenOver))
    assert told.from_me and told.user == "Olena Marchenko"


def test_a_desk_whose_article_is_taken_over_stops_saving_over_it(qtbot, window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    story = first_article(taras.library)
    window.open_article(story)
    assert not window.desk.readonly
    taras.presence.take_over(story)
    qtbot.waitUntil(lambda: window.desk.readonly, timeout=WAIT_MS)
    assert window.desk.editor.isReadOnly()
    assert "Taras Bondar took this article over" in window.desk.presence_bar.text.text()


def test_the_article_list_follows_other_desks(qtbot, window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.navigator.model.rowCount() == 1, timeout=WAIT_MS)
    articles.create_article(taras.library)
    qtbot.waitUntil(lambda: window.navigator.model.rowCount() == 2, timeout=WAIT_MS)


def test_a_mistyped_scheme_is_one_line_without_the_password(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([f"postgresq://olena:{PASSWORD}@news.example.org/newsroom"]) == 2
    err = capsys.readouterr().err
    assert PASSWORD not in err and len(err.strip().splitlines()) == 1
    assert "postgresq://…" in err


def test_a_newsroom_that_cannot_be_reached_is_one_line_without_the_password(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.app import open_locked

    with pytest.raises(LibraryError) as raised:
        open_locked(f"postgresql://olena:{PASSWORD}@/newsroom?host={tmp_path}")
    assert PASSWORD not in str(raised.value) and "\n" not in str(raised.value)


def test_a_hostile_url_is_refused_in_one_line_without_the_password() -> None:
    from workstation.ui.app import open_locked

    with pytest.raises(LibraryError) as raised:
        open_locked(f"postgresql://olena:{PASSWORD}@host:notaport/x y\n?sslmode=bogus")
    assert PASSWORD not in str(raised.value) and "\n" not in str(raised.value)


def test_open_newsroom_takes_a_service_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.newsroom_dialog import NewsroomDialog

    dialog = NewsroomDialog()
    qtbot.addWidget(dialog)
    dialog.address.setCurrentText("newsroom")
    assert dialog.url() == "postgresql://?service=newsroom"


def test_open_newsroom_refuses_what_is_no_address_without_repeating_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.newsroom_dialog import NewsroomDialog

    dialog = NewsroomDialog()
    qtbot.addWidget(dialog)
    dialog.address.setCurrentText(f"olena:{PASSWORD}@news.example.org/newsroom")
    dialog.accept()
    assert dialog.result() == 0 and dialog.problem.isVisibleTo(dialog)
    assert PASSWORD not in dialog.problem.text()


def test_who_is_working_offers_the_newsrooms_people_or_a_new_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workstation.ui.who_dialog import WhoDialog

    dialog = WhoDialog("postgresql://@/news", ["Olena Marchenko", "Taras Bondar"], "Taras Bondar")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "Taras Bondar"
    dialog.new_name.setText("  Mykola   Editor ")
    assert dialog.chosen() == "Mykola Editor"


def test_a_newsroom_asks_who_is_working_once_and_remembers(qtbot, new_newsroom_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from workstation.ui.app import _who_is_working
    from workstation.ui.who_dialog import WhoDialog

    monkeypatch.delenv("WORKSTATION_USER", raising=False)
    settings = QSettings()

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WhoDialog) and w.isVisible())
        dialog.new_name.setText("Mykola Editor")
        dialog.accept()

    with open_library(new_newsroom_url()) as newsroom:
        QTimer.singleShot(200, answer)
        assert _who_is_working(newsroom, settings)
        assert newsroom.user == "Mykola Editor" and "Mykola Editor" in people(newsroom)
        assert _who_is_working(newsroom, settings)  # remembered: not asked again (nothing would answer)


def test_the_author_list_follows_other_desks(qtbot, window, taras: Desk) -> None:  # type: ignore[no-untyped-def]
    from workstation.library.authors import create_author

    window.show_desk("authors")
    authors = window.desks["authors"]
    before = authors.author_model.rowCount()
    with taras.library.transaction() as session:
        create_author(session, "Iryna Hlib", role="Reporter")
    qtbot.waitUntil(lambda: authors.author_model.rowCount() == before + 1, timeout=WAIT_MS)


def test_the_photo_grid_follows_other_desks(qtbot, window, taras: Desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_file

    window.show_desk("photos")
    grid = window.desks["photos"]
    # Presence (which hears the other desk's change) starts with the article desk, once the window has painted.
    qtbot.waitUntil(lambda: window.presence is not None, timeout=WAIT_MS)
    before = grid.model.total()
    picture = tmp_path / "harbour.jpg"
    Image.new("RGB", (320, 200), (20, 120, 160)).save(picture, "JPEG")
    with taras.library.transaction() as session:
        add_photo(session, ingest_file(picture))
    qtbot.waitUntil(lambda: grid.model.total() == before + 1, timeout=WAIT_MS)


def test_after_a_lost_connection_the_desk_holds_its_article_again(qtbot, window, taras: Desk, postgres_server) -> None:  # type: ignore[no-untyped-def]
    story = first_article(taras.library)
    window.open_article(story)
    lost_pid = window.presence.pid
    with postgres_server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (lost_pid,))
    qtbot.waitUntil(lambda: window.presence.pid != lost_pid and story in taras.presence.holders(), timeout=WAIT_MS)
    assert taras.presence.holders()[story].user == "Olena Marchenko"
    assert not window.desk.readonly
