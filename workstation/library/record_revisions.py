"""Kept versions of photo and author fields: the side of a field conflict that did not stay on the record.

Articles keep losing text as a ``Revision``; photos and authors have no
revision history, so a conflict's losing values go here instead, written in
the same transaction that found the conflict, so they are on disk exactly
when the save is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.models import RecordRevision
from workstation.library.users import acting_user

KINDS = ("photo", "author")
REASONS = ("conflict", "offline", "restore")


def _plain(value: Any) -> Any:
    """A field value as JSON holds it (a date as ISO 8601 text, which the field checks read back)."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def keep_fields(session: Session, kind: str, row_id: int, fields: Mapping[str, Any], reason: str) -> RecordRevision:
    """Keep ``fields`` of photo or author ``row_id`` as a version, by whoever works through this session."""
    if kind not in KINDS or reason not in REASONS:
        raise ValueError(f"unknown kept version: {kind} {reason}")
    kept = RecordRevision(
        kind=kind, row_id=row_id, reason=reason, by_user=acting_user(session),
        fields={name: _plain(value) for name, value in fields.items()},
    )
    session.add(kept)
    session.flush()
    return kept


def kept_fields(session: Session, kind: str, row_id: int) -> list[RecordRevision]:
    """Every kept version of one photo or author, newest first."""
    return list(session.scalars(
        select(RecordRevision)
        .where(RecordRevision.kind == kind, RecordRevision.row_id == row_id)
        .order_by(RecordRevision.id.desc())
    ))


def get_kept(session: Session, kept_id: int) -> RecordRevision:
    kept = session.get(RecordRevision, kept_id)
    if kept is None:
        raise ValidationError(f"no kept version {kept_id}")
    return kept
