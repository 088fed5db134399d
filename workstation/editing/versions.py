"""Saving a record's edited fields against the values the desk started from: the field-by-field half of no silent overwrite.

The photo inspector and the author form send only the fields a person
edited, with the values those fields had when the desk loaded them (the
*base*). A field someone else changed meanwhile is merged like an
article's (``content.merge``): their change to a field I did not edit is
simply kept; a field both of us changed differently is a conflict, left as
stored and handed back with both sides, so the desk can show mine beside
theirs and nothing typed is dropped: my side of a conflict is kept as a
version (``keep_losing``) in the same transaction, to see and restore later
(``editing.kept_versions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from workstation.content.merge import Conflict, merge_fields
from workstation.library.record_revisions import keep_fields


@dataclass(frozen=True)
class Changed:
    """Someone else's write a save met: who, when, and which fields."""

    user: str
    at: datetime | None
    fields: tuple[str, ...]

    def message(self) -> str:
        """"Merged Olena Marchenko's changes from 14:02" (local time)."""
        who = f"{self.user}'s changes" if self.user else "changes made elsewhere"
        when = f" from {self.at.astimezone():%H:%M}" if self.at is not None else ""
        return f"Merged {who}{when}"


@dataclass(frozen=True)
class Patch:
    """What to write of an edit made against ``base``: the settled values, and the conflicts left as stored."""

    values: dict[str, Any]
    conflicts: tuple[Conflict, ...]
    changed: Changed | None


def merge_patch(
    stored: Mapping[str, Any], changes: Mapping[str, Any], base: Mapping[str, Any], who: str, when: datetime | None
) -> Patch:
    """``changes`` merged with the ``stored`` values of the same fields, against ``base`` (fields it lacks count as unchanged).

    ``who`` and ``when`` are the stored record's last writer (``updated_by``, ``updated_at``).
    """
    merge = merge_fields(base, changes, {name: stored[name] for name in changes})
    changed = Changed(who, when, merge.from_theirs) if merge.from_theirs else None
    return Patch(merge.settled(), merge.conflicts, changed)


def keep_losing(session: Session, kind: str, row_id: int, conflicts: tuple[Conflict, ...], reason: str) -> int | None:
    """Keep my side of ``conflicts`` on photo or author ``row_id`` as a version; its id, None without conflicts."""
    if not conflicts:
        return None
    return keep_fields(session, kind, row_id, {conflict.field: conflict.mine for conflict in conflicts}, reason).id


def kept_note(names: str) -> str:
    """"Your caption was kept as an earlier version" for the fields ``names`` (already readable labels)."""
    return f"Your {names.lower()} {'were' if ',' in names else 'was'} kept as an earlier version"
