"""What a taken-out library file remembers of the newsroom it came from.

A take-out copies articles (with their photos and authors) from a newsroom
into a library file; bringing them back needs, for each record, its id in
the newsroom, the version it had then and its fields as they were (the
base of a three-way merge). That is kept in the file's ``settings`` table,
one row per record (``take_out.article.12``: JSON), beside one row naming
the newsroom (``take_out.newsroom``).

Settings rather than a table of its own: a take-out file then needs no
schema of its own (no migration, nothing for ``schema_guard`` to learn),
a build that knows nothing of take-outs still opens the file, and the
record travels with the file and goes with it. The rows are few (the
articles taken, their photos and authors) and are read and written whole.

A newsroom names itself by ``newsroom_id`` (a random id in its own
settings, made at its first take-out): its address may be spelt many ways
(a host name, a service file), and a copy of a newsroom's database made for
a test or a training day is another newsroom that must not take in work
meant for the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.library.cache_policy import ensure_id, stored_id
from workstation.library.models import Setting, utcnow

NEWSROOM_ID = "newsroom_id"
PREFIX = "take_out."
TAKEN_FROM = PREFIX + "newsroom"
KINDS = ("article", "photo", "author")


@dataclass(frozen=True)
class TakenFrom:
    """The newsroom a file's records came from: its id, its address as shown, and when the first was taken."""

    newsroom_id: str
    url: str
    taken_at: datetime


@dataclass(frozen=True)
class Taken:
    """One record taken out: its id here and in the newsroom, and its version and fields when taken (or last brought back)."""

    kind: str
    local_id: int
    remote_id: int
    version: int
    base: dict[str, Any] = field(default_factory=dict)


def newsroom_id(session: Session) -> str | None:
    return stored_id(session, NEWSROOM_ID)


def ensure_newsroom_id(session: Session) -> str:
    """The newsroom's own id, made and stored in ``session``'s transaction if it has none yet."""
    return ensure_id(session, NEWSROOM_ID)


def taken_from(session: Session) -> TakenFrom | None:
    """The newsroom this file's take-outs came from; None for a file never taken out into."""
    row = session.get(Setting, TAKEN_FROM)
    if row is None:
        return None
    try:
        value = json.loads(row.value)
        return TakenFrom(str(value["newsroom_id"]), str(value["url"]), datetime.fromisoformat(value["taken_at"]))
    except (ValueError, KeyError, TypeError):
        return None


def remember_newsroom(session: Session, newsroom: str, url: str) -> TakenFrom:
    """Record the newsroom a take-out came from (kept as it is when already recorded)."""
    known = taken_from(session)
    if known is not None:
        return known
    made = TakenFrom(newsroom, url, utcnow())
    value = {"newsroom_id": made.newsroom_id, "url": made.url, "taken_at": made.taken_at.isoformat()}
    session.merge(Setting(key=TAKEN_FROM, value=json.dumps(value, ensure_ascii=False)))
    return made


def _key(kind: str, local_id: int) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of taken record {kind!r}")
    return f"{PREFIX}{kind}.{int(local_id)}"


def remember(session: Session, taken: Taken) -> None:
    value = {"remote_id": taken.remote_id, "version": taken.version, "base": taken.base}
    session.merge(Setting(key=_key(taken.kind, taken.local_id), value=json.dumps(value, ensure_ascii=False)))


def forget(session: Session, kind: str, local_id: int) -> None:
    row = session.get(Setting, _key(kind, local_id))
    if row is not None:
        session.delete(row)


def taken_records(session: Session, kind: str) -> dict[int, Taken]:
    """Every record of ``kind`` taken out into this file, by its id here."""
    prefix = f"{PREFIX}{kind}."
    found: dict[int, Taken] = {}
    for row in session.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True))):
        local = row.key[len(prefix) :]
        try:
            value = json.loads(row.value)
            found[int(local)] = Taken(kind, int(local), int(value["remote_id"]), int(value["version"]), dict(value["base"]))
        except (ValueError, KeyError, TypeError):
            continue
    return found
