"""Kept versions of photos and authors: what a desk lists and restores after a field conflict.

A conflict keeps the losing side (``editing.versions.keep_losing``);
here a desk lists a photo's or an author's kept versions and puts one back.
Restoring is itself an edit that replaces what is stored, so the values it
replaces are kept as a version too: nothing is dropped either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workstation.library import authors as author_records
from workstation.library.database import Library
from workstation.library.photo_queries import FIELD_LABELS, edit_photo, get_photo
from workstation.library.record_revisions import get_kept, keep_fields, kept_fields

REASON_LABELS = {"conflict": "lost to a change made meanwhile", "offline": "lost at bring-back", "restore": "replaced by a restore"}


@dataclass(frozen=True)
class KeptVersion:
    """One kept version: when, why and by whom, and the fields as they were."""

    id: int
    kind: str
    row_id: int
    at: datetime
    reason: str
    by_user: str
    fields: dict[str, Any]

    def summary(self) -> str:
        """"06 Dec 14:02 · Olena Marchenko · caption (lost to a change made meanwhile)" in local time."""
        names = ", ".join(FIELD_LABELS.get(name, name.replace("_", " ")) for name in self.fields)
        who = f" · {self.by_user}" if self.by_user else ""
        return f"{self.at.astimezone():%d %b %H:%M}{who} · {names} ({REASON_LABELS.get(self.reason, self.reason)})"


def kept_versions(library: Library, kind: str, row_id: int) -> list[KeptVersion]:
    """The kept versions of photo or author ``row_id`` ("photo" or "author"), newest first."""
    with library.session() as session:
        return [
            KeptVersion(kept.id, kept.kind, kept.row_id, kept.created_at, kept.reason, kept.by_user, dict(kept.fields))
            for kept in kept_fields(session, kind, row_id)
        ]


def restore_kept(library: Library, kept_id: int) -> dict[str, Any]:
    """Put a kept version's fields back on its photo or author, keeping the values it replaces; returns those stored now.

    One transaction under the record's row lock; a value the field checks
    refuse now raises ``ValidationError`` and changes nothing.
    """
    with library.transaction() as session:
        kept = get_kept(session, kept_id)
        fields = dict(kept.fields)
        if kept.kind == "photo":
            photo = get_photo(session, kept.row_id, lock=True)
            keep_fields(session, "photo", kept.row_id, {name: getattr(photo, name) for name in fields}, "restore")
            photo = edit_photo(session, kept.row_id, fields)
            return {name: getattr(photo, name) for name in fields}
        author = author_records.get_author(session, kept.row_id, lock=True)
        keep_fields(session, "author", kept.row_id, {
            name: value for name, value in author_records.author_fields(author).items() if name in fields
        }, "restore")
        author_records.update_author(session, author, **fields)
        stored = author_records.author_fields(author)
        return {name: stored.get(name) for name in fields}
