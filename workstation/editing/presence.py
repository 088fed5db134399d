"""Presence: who is editing which article, heard by every other desk of a newsroom within a second.

A desk holds the article it edits (``hold``) and gives it up when it moves
on (``release``); an editor may ``take_over`` an article another person
holds, and that person's desk hears it. Every desk also hears which tables
others changed, to refresh its lists.

What is heard comes through PostgreSQL's ``LISTEN``/``NOTIFY`` on a
connection of the presence's own (never one from the pool, which would
hand it to other work), read by a background thread that turns each notice
into an event and passes it to ``on_event`` on that thread; the caller
moves it to wherever it is shown (the desk: a queued Qt signal). The same
thread renews this desk's holds (``holds.HEARTBEAT_S``); the holds last as
long as its connection, so a desk that crashed holds nothing.

A library file has one writer and nobody to see: there presence is
``Presence``, whose every call does nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING, Union

from workstation.errors import WorkstationError
from workstation.library import holds
from workstation.library.changes import CHANGES_CHANNEL
from workstation.library.database import Library
from workstation.library.holds import Hold

if TYPE_CHECKING:
    from workstation.library.newsroom import Newsroom

# How often the listener looks up from waiting, to stop when asked (seconds).
POLL_S = 0.25
# How often a lost presence connection is tried again (seconds).
RECONNECT_S = 2.0


@dataclass(frozen=True)
class Holding:
    """``user`` opened the article and holds it (``mine``: this desk)."""

    article_id: int
    user: str
    mine: bool


@dataclass(frozen=True)
class Released:
    """``user`` closed the article; nobody holds it now."""

    article_id: int
    user: str
    mine: bool


@dataclass(frozen=True)
class TakenOver:
    """``user`` took the article over from ``from_user`` (None when nobody's hold counted).

    ``mine``: this desk took it; ``from_me``: this desk lost it, and must
    stop saving over it.
    """

    article_id: int
    user: str
    from_user: str | None
    mine: bool
    from_me: bool


@dataclass(frozen=True)
class Changed:
    """Someone committed a change to rows of ``table`` (``mine``: through this desk's newsroom)."""

    table: str
    mine: bool = False


@dataclass(frozen=True)
class Lost:
    """The presence connection failed: this desk's holds have lapsed, and nothing is heard until ``Regained``."""

    problem: str


@dataclass(frozen=True)
class Regained:
    """Presence is connected again; the desk holds nothing until it holds its article again."""


Event = Union[Holding, Released, TakenOver, Changed, Lost, Regained]


class Presence:
    """Presence on a library file: one writer, nobody else to see; every call does nothing."""

    user = ""

    def holders(self) -> dict[int, Hold]:
        """Every article someone holds, by id."""
        return {}

    def others(self) -> dict[int, Hold]:
        """Every article someone else holds (another desk), by id."""
        return {}

    def hold(self, article_id: int) -> Hold | None:
        """Hold ``article_id``; when someone else's hold counts, nothing is held and theirs is returned."""
        return None

    def release(self, article_id: int) -> None:
        """Give up the hold on ``article_id``, if this desk has it."""

    def take_over(self, article_id: int) -> Hold | None:
        """Hold ``article_id`` whoever holds it; returns the hold taken over, if one counted."""
        return None

    def close(self) -> None:
        """Stop listening and give up every hold."""


class NewsroomPresence(Presence):
    """Presence in a newsroom, for one desk (``user``), listening from the moment it is made."""

    def __init__(self, newsroom: Newsroom, user: str, on_event: Callable[[Event], None]) -> None:
        self._newsroom = newsroom
        self.user = user
        self._on_event = on_event
        self._desk = newsroom.desk
        self._connection = newsroom.dedicated_connection()
        self.pid: int = self._connection.info.backend_pid
        # Listening before the thread starts: nothing committed after this returns goes unheard.
        self._connection.execute(f"LISTEN {CHANGES_CHANNEL}")
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="workstation-presence", daemon=True)
        self._thread.start()

    def holders(self) -> dict[int, Hold]:
        with self._newsroom.session() as session:
            return holds.live_holds(session)

    def others(self) -> dict[int, Hold]:
        return {article_id: hold for article_id, hold in self.holders().items() if hold.pid != self.pid}

    def hold(self, article_id: int) -> Hold | None:
        if self._newsroom.readonly:
            return None
        with self._newsroom.transaction() as session:
            return holds.claim(session, article_id, self.user, self.pid)

    def release(self, article_id: int) -> None:
        if self._newsroom.readonly:
            return
        with self._newsroom.transaction() as session:
            holds.release(session, article_id, self.pid)

    def take_over(self, article_id: int) -> Hold | None:
        with self._newsroom.transaction() as session:
            return holds.take_over(session, article_id, self.user, self.pid)

    def close(self) -> None:
        """Stop the listener, then give up every hold through its connection (which ends them anyway)."""
        import psycopg

        if self._connection.closed:
            return
        self._stopping.set()
        self._thread.join()
        try:
            with self._connection.transaction():
                for article_id, user in self._connection.execute(
                    "DELETE FROM holds WHERE pid = pg_backend_pid() RETURNING article_id, user_name"
                ).fetchall():
                    payload = json.dumps({"article": article_id, "kind": "release", "pid": self.pid, "user": user})
                    self._connection.execute("SELECT pg_notify(%s, %s)", (CHANGES_CHANNEL, payload))
        except psycopg.Error:
            pass  # a lost connection holds nothing any more
        finally:
            self._connection.close()

    # -- the listener thread -------------------------------------------------------

    def _listen(self) -> None:
        """Hear notices until stopped; a lost connection is said (``Lost``) and made again (``Regained``)."""
        import psycopg

        while not self._stopping.is_set():
            try:
                self._hear()
            except psycopg.Error as exc:
                if self._stopping.is_set():
                    return
                lines = str(exc).strip().splitlines()
                self._on_event(Lost(lines[0] if lines else type(exc).__name__))
                if self._reconnect():
                    self._on_event(Regained())

    def _hear(self) -> None:
        """Pass on every notice; renew this desk's holds, and sweep away the holds of desks that died."""
        next_beat = monotonic() + holds.HEARTBEAT_S
        next_sweep = monotonic()
        while not self._stopping.is_set():
            wait = max(0.0, min(next_beat - monotonic(), next_sweep - monotonic(), POLL_S))
            for notice in self._connection.notifies(timeout=wait, stop_after=1):
                event = self._event(notice.payload)
                if event is not None:
                    self._on_event(event)
            if monotonic() >= next_beat:
                holds.beat(self._connection)
                next_beat = monotonic() + holds.HEARTBEAT_S
            if monotonic() >= next_sweep:
                holds.sweep(self._connection)
                next_sweep = monotonic() + holds.SWEEP_S

    def _reconnect(self) -> bool:
        """Connect and listen again, trying every ``RECONNECT_S`` until it works (True) or presence stops (False).

        The new connection has a new server process, so this desk's holds
        (which named the old one) have lapsed: ``Regained`` tells the desk to
        hold its article again.
        """
        import psycopg

        self._connection.close()
        while not self._stopping.wait(RECONNECT_S):
            try:
                connection = self._newsroom.dedicated_connection()
            except WorkstationError:
                continue
            try:
                connection.execute(f"LISTEN {CHANGES_CHANNEL}")
            except psycopg.Error:  # the server went away again between connecting and listening
                connection.close()
                continue
            self._connection = connection
            self.pid = connection.info.backend_pid
            return True
        return False

    def _event(self, payload: str) -> Event | None:
        """The event a notice's JSON stands for; None for what is not for desks (or not understood)."""
        try:
            notice = json.loads(payload)
            kind = notice["kind"]
            if kind == "changed":
                return Changed(str(notice["table"]), bool(self._desk) and notice.get("desk") == self._desk)
            article_id, user, mine = int(notice["article"]), str(notice["user"]), notice["pid"] == self.pid
        except (ValueError, KeyError, TypeError):
            return None
        if kind == "hold":
            return Holding(article_id, user, mine)
        if kind == "release":
            return Released(article_id, user, mine)
        if kind == "take_over":
            from_user = notice.get("from_user")
            return TakenOver(
                article_id, user, None if from_user is None else str(from_user), mine,
                notice.get("from_pid") == self.pid,
            )
        return None


def open_presence(library: Library, user: str, on_event: Callable[[Event], None]) -> Presence:
    """Presence for a desk of ``library`` used by ``user``: listening in a newsroom, nothing on a file.

    A newsroom is the library without a file (``Library.path`` is None); the
    PostgreSQL driver is imported only for one.
    """
    if library.path is not None:
        return Presence()
    return NewsroomPresence(library, user, on_event)  # type: ignore[arg-type]
