"""Presence in a newsroom: who holds which article, heard by the other desks; nothing on a library file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.editing.presence_desk import WAIT_S, Desk
from workstation.editing import articles
from workstation.editing.presence import (
    Changed,
    Event,
    Holding,
    Lost,
    NewsroomPresence,
    Regained,
    Released,
    TakenOver,
    open_presence,
)
from workstation.library.database import Library

HOLDER_SCRIPT = Path(__file__).with_name("presence_holder.py")


@pytest.fixture
def newsroom_url(new_newsroom_url) -> str:  # type: ignore[no-untyped-def]
    return new_newsroom_url()


@pytest.fixture
def desks(newsroom_url: str) -> Iterator[Callable[[str], Desk]]:
    opened: list[Desk] = []

    def desk(user: str) -> Desk:
        opened.append(Desk(newsroom_url, user))
        return opened[-1]

    yield desk
    for desk_ in opened:
        desk_.close()


def new_article(library: Library) -> int:
    return articles.create_article(library)


def holding_process(url: str, article_id: int, user: str) -> subprocess.Popen:
    """A desk in another process holding ``article_id`` as ``user`` (``presence_holder.py``)."""
    return subprocess.Popen(
        [sys.executable, str(HOLDER_SCRIPT), url, str(article_id), user],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )


def test_opening_an_article_is_heard_by_another_desk(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    assert olena.presence.hold(story) is None
    heard = taras.hears(lambda event: isinstance(event, Holding))
    assert heard == Holding(story, "Olena Marchenko", mine=False)
    assert taras.presence.holders()[story].user == "Olena Marchenko"


def test_the_holder_hears_its_own_hold_as_its_own(desks) -> None:  # type: ignore[no-untyped-def]
    olena = desks("Olena Marchenko")
    story = new_article(olena.library)
    olena.presence.hold(story)
    assert olena.hears(lambda event: isinstance(event, Holding)) == Holding(story, "Olena Marchenko", mine=True)


def test_an_article_someone_holds_is_not_held_by_a_second_desk(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    olena.presence.hold(story)
    other = taras.presence.hold(story)
    assert other is not None and other.user == "Olena Marchenko"
    assert taras.presence.holders()[story].user == "Olena Marchenko"


def test_closing_the_article_is_heard_and_frees_it(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    olena.presence.hold(story)
    olena.presence.release(story)
    assert taras.hears(lambda event: isinstance(event, Released)) == Released(story, "Olena Marchenko", mine=False)
    assert taras.presence.hold(story) is None


def test_taking_over_tells_the_holder(desks) -> None:  # type: ignore[no-untyped-def]
    olena, editor = desks("Olena Marchenko"), desks("Mykola Editor")
    story = new_article(olena.library)
    olena.presence.hold(story)
    taken = editor.presence.take_over(story)
    assert taken is not None and taken.user == "Olena Marchenko"
    told = olena.hears(lambda event: isinstance(event, TakenOver))
    assert told == TakenOver(story, "Mykola Editor", "Olena Marchenko", mine=False, from_me=True)
    assert editor.presence.holders()[story].user == "Mykola Editor"


def test_a_crashed_desks_hold_lapses(desks, postgres_server) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    olena.presence.hold(story)
    assert isinstance(olena.presence, NewsroomPresence)
    with postgres_server.admin() as admin:
        # What the server sees when a desk's process dies: its presence connection ends.
        admin.execute("SELECT pg_terminate_backend(%s)", (olena.presence.pid,))
        deadline = time.monotonic() + WAIT_S
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (olena.presence.pid,)).fetchone():
            assert time.monotonic() < deadline, "the server kept the connection"
            time.sleep(0.05)
    assert story not in taras.presence.holders()
    assert taras.presence.hold(story) is None


def test_a_change_to_articles_is_heard_by_every_desk(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    new_article(olena.library)
    assert taras.hears(lambda event: isinstance(event, Changed) and event.table == "articles") == Changed("articles")


def test_a_desk_knows_its_own_changes_from_others(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    new_article(olena.library)
    def articles_changed(event: Event) -> bool:
        return isinstance(event, Changed) and event.table == "articles"

    assert olena.hears(articles_changed) == Changed("articles", mine=True)
    assert taras.hears(articles_changed) == Changed("articles", mine=False)


def test_others_are_the_holds_of_other_desks(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    mine, theirs = new_article(olena.library), new_article(olena.library)
    olena.presence.hold(mine)
    taras.presence.hold(theirs)
    assert set(olena.presence.others()) == {theirs}
    assert set(olena.presence.holders()) == {mine, theirs}


def test_a_closed_desk_gives_up_its_holds(desks) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    olena.presence.hold(story)
    olena.presence.close()
    assert taras.hears(lambda event: isinstance(event, Released)).article_id == story
    assert taras.presence.holders() == {}


def test_presence_is_heard_between_two_processes(desks, newsroom_url: str) -> None:  # type: ignore[no-untyped-def]
    taras = desks("Taras Bondar")
    story = new_article(taras.library)
    holder = holding_process(newsroom_url, story, "Olena Marchenko")
    try:
        assert taras.hears(lambda event: isinstance(event, Holding)) == Holding(story, "Olena Marchenko", mine=False)
        taras.presence.take_over(story)
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == f"taken over by Taras Bondar: {story}"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=WAIT_S)


@pytest.fixture
def killed_holder(desks, newsroom_url: str) -> tuple[Desk, int]:  # type: ignore[no-untyped-def]
    """Taras's desk, and an article Olena's desk (another process) held until it was killed."""
    taras = desks("Taras Bondar")
    story = new_article(taras.library)
    holder = holding_process(newsroom_url, story, "Olena Marchenko")
    taras.hears(lambda event: isinstance(event, Holding))
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=WAIT_S)
    return taras, story


def test_a_killed_desk_is_announced_as_released(killed_holder: tuple[Desk, int]) -> None:
    taras, story = killed_holder
    assert taras.hears(lambda event: isinstance(event, Released)) == Released(story, "Olena Marchenko", mine=False)


def test_a_killed_desk_holds_nothing(killed_holder: tuple[Desk, int]) -> None:
    taras, story = killed_holder
    deadline = time.monotonic() + WAIT_S
    while story in taras.presence.holders():
        assert time.monotonic() < deadline, "the killed desk still holds the article"
        time.sleep(0.05)
    assert taras.presence.hold(story) is None


def test_on_a_library_file_presence_does_nothing(library: Library) -> None:
    heard: list[Event] = []
    presence = open_presence(library, "Olena Marchenko", heard.append)
    story = new_article(library)
    assert presence.hold(story) is None
    assert presence.take_over(story) is None
    assert presence.holders() == {}
    presence.close()
    assert heard == []


def test_closing_presence_twice_is_harmless(desks) -> None:  # type: ignore[no-untyped-def]
    olena = desks("Olena Marchenko")
    olena.presence.close()
    olena.presence.close()


def test_a_lost_presence_connection_is_made_again_and_the_desk_holds_anew(desks, postgres_server) -> None:  # type: ignore[no-untyped-def]
    olena, taras = desks("Olena Marchenko"), desks("Taras Bondar")
    story = new_article(olena.library)
    olena.presence.hold(story)
    with postgres_server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (olena.presence.pid,))
    assert isinstance(olena.hears(lambda event: isinstance(event, (Lost, Regained))), Lost)
    olena.hears(lambda event: isinstance(event, Regained))
    assert olena.presence.hold(story) is None
    assert taras.presence.holders()[story].pid == olena.presence.pid
