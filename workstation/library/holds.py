"""Who holds which article in a newsroom: the ``holds`` table of migration 0012 (PostgreSQL only).

A hold names the person editing an article and the server process id of
their desk's presence connection (``editing.presence``), which is not a
pooled one and stays open while the desk runs. A hold counts only while
that process lives and its heartbeat is recent: a desk that crashed loses
its connection and with it its holds at once, and a laptop that vanished
from the network stops beating and loses them after ``HOLD_EXPIRES_S``.
One article has at most one holder (the primary key); a newer claim takes
the row only from a holder that no longer counts, or by ``take_over``.

Every change of a hold is announced on ``CHANGES_CHANNEL`` in the same
transaction, so other desks hear of it exactly when it is committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from workstation.library.changes import CHANGES_CHANNEL

# The presence connection renews its holds this often (seconds) ...
HEARTBEAT_S = 20.0
# ... and a hold not renewed for this long no longer counts.
HOLD_EXPIRES_S = 90.0

# Every desk's presence connection looks this often for holds that no longer count, and announces them released.
SWEEP_S = 5.0

_LIVE = (
    "(EXISTS (SELECT 1 FROM pg_stat_activity AS activity WHERE activity.pid = holds.pid) "
    "AND holds.heartbeat > now() - make_interval(secs => :expires))"
)


@dataclass(frozen=True)
class Hold:
    """Who holds an article, since when, through which presence connection."""

    article_id: int
    user: str
    since: datetime
    pid: int


def _hold(row: object) -> Hold:
    article_id, user, since, pid = row  # type: ignore[misc]
    return Hold(int(article_id), str(user), since, int(pid))


def announce(session: Session, **notice: object) -> None:
    """Send ``notice`` (as JSON) to every listening desk when ``session``'s transaction commits."""
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANGES_CHANNEL, "payload": json.dumps(notice, sort_keys=True)},
    )


def live_holds(session: Session) -> dict[int, Hold]:
    """Every hold that counts, by article id."""
    rows = session.execute(
        text(f"SELECT article_id, user_name, since, pid FROM holds WHERE {_LIVE}"), {"expires": HOLD_EXPIRES_S}
    )
    return {hold.article_id: hold for hold in map(_hold, rows)}


def claim(session: Session, article_id: int, user: str, pid: int) -> Hold | None:
    """Hold ``article_id`` for ``user`` unless someone else's hold counts; returns that other hold, else None.

    A claim through the same presence connection (the article reopened) keeps its ``since``.
    """
    claimed = session.execute(
        text(
            "INSERT INTO holds (article_id, user_name, pid) VALUES (:article, :user, :pid) "
            "ON CONFLICT (article_id) DO UPDATE SET user_name = excluded.user_name, pid = excluded.pid, "
            "since = CASE WHEN holds.pid = excluded.pid THEN holds.since ELSE now() END, heartbeat = now() "
            f"WHERE holds.pid = excluded.pid OR NOT {_LIVE} RETURNING article_id"
        ),
        {"article": article_id, "user": user, "pid": pid, "expires": HOLD_EXPIRES_S},
    ).first()
    if claimed is not None:
        announce(session, kind="hold", article=article_id, user=user, pid=pid)
        return None
    row = session.execute(
        text("SELECT article_id, user_name, since, pid FROM holds WHERE article_id = :article"), {"article": article_id}
    ).first()
    return None if row is None else _hold(row)


def take_over(session: Session, article_id: int, user: str, pid: int) -> Hold | None:
    """Hold ``article_id`` for ``user`` whoever holds it now; returns the hold taken over (None if none counted)."""
    previous = session.execute(
        text(
            "SELECT article_id, user_name, since, pid FROM holds "
            f"WHERE article_id = :article AND pid <> :pid AND {_LIVE} FOR UPDATE"
        ),
        {"article": article_id, "pid": pid, "expires": HOLD_EXPIRES_S},
    ).first()
    session.execute(
        text(
            "INSERT INTO holds (article_id, user_name, pid) VALUES (:article, :user, :pid) "
            "ON CONFLICT (article_id) DO UPDATE SET user_name = excluded.user_name, pid = excluded.pid, "
            "since = now(), heartbeat = now()"
        ),
        {"article": article_id, "user": user, "pid": pid},
    )
    taken = None if previous is None else _hold(previous)
    announce(
        session, kind="take_over", article=article_id, user=user, pid=pid,
        from_user=None if taken is None else taken.user, from_pid=None if taken is None else taken.pid,
    )
    return taken


def release(session: Session, article_id: int, pid: int) -> bool:
    """Give up the hold on ``article_id`` if this presence connection has it; True when it had."""
    released = session.execute(
        text("DELETE FROM holds WHERE article_id = :article AND pid = :pid RETURNING user_name"),
        {"article": article_id, "pid": pid},
    ).first()
    if released is not None:
        announce(session, kind="release", article=article_id, user=released[0], pid=pid)
    return released is not None


def beat(connection: object) -> None:
    """Renew the holds of the presence connection ``connection`` (a psycopg connection in autocommit mode)."""
    connection.execute("UPDATE holds SET heartbeat = now() WHERE pid = pg_backend_pid()")  # type: ignore[attr-defined]


def sweep(connection: object) -> None:
    """Remove the holds that no longer count (a crashed desk's), announcing each as released, in one statement.

    A desk that crashed cannot say it let go; whichever desk sweeps first says
    it for it, so the lists stop showing "is editing" within ``SWEEP_S``.
    """
    live = _LIVE.replace(":expires", "%s")
    connection.execute(  # type: ignore[attr-defined]
        f"WITH gone AS (DELETE FROM holds WHERE NOT {live} RETURNING article_id, user_name, pid) "
        "SELECT pg_notify(%s, json_build_object('kind', 'release', 'article', article_id, 'user', user_name, "
        "'pid', pid)::text) FROM gone",
        (HOLD_EXPIRES_S, CHANGES_CHANNEL),
    )
