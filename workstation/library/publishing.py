"""What "published" means at a given moment: live, scheduled (under embargo), or not out.

An article is published by the publishing workflow (``editing.publishing``),
which sets its status and its publication time together. A publication time
in the future is an embargo: the article is *scheduled*, counted as
published by the newsroom but kept off the site until that time. Stored
times carry their own UTC offsets, so the comparison is made here, on
aware datetimes, never on the stored text.
"""

from __future__ import annotations

from datetime import datetime, timezone

from workstation.library.statuses import Status


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def is_scheduled(status: str, published_at: datetime | None, now: datetime) -> bool:
    """Published, with a publication time still to come: held back from the site until then."""
    return status == Status.PUBLISHED and published_at is not None and published_at > now


def is_live(status: str, published_at: datetime | None, now: datetime) -> bool:
    """Published and due: the export puts it on the site."""
    return status == Status.PUBLISHED and not is_scheduled(status, published_at, now)


def zone_label(minutes: int) -> str:
    """"UTC+02:00" for an offset of 120 minutes; "UTC" for none."""
    if not minutes:
        return "UTC"
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def moment_label(moment: datetime) -> str:
    """"12 June 2026, 09:00 UTC+02:00": a publication time as a person reads it, with its zone."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    return f"{moment.day} {moment:%B %Y, %H:%M} {zone_label(minutes)}"


def date_label(moment: datetime) -> str:
    """"12 June 2026": a page's date line, a correction note's date."""
    return f"{moment.day} {moment:%B %Y}"


def held_line(slug: str, moment: datetime) -> str:
    """What an export says of an article it held back: "slug: held until 12 June 2026, 09:00 UTC+02:00"."""
    return f"{slug}: held until {moment_label(moment)}"


def publication_label(status: str, published_at: datetime | None, now: datetime) -> str:
    """How the desk names an article's state: "Scheduled for …", "Published 12 June 2026, …", or its status."""
    if is_scheduled(status, published_at, now):
        return f"Scheduled for {moment_label(published_at)}"  # type: ignore[arg-type]
    if status == Status.PUBLISHED:
        return f"Published {moment_label(published_at)}" if published_at else "Published"
    return status.capitalize()
