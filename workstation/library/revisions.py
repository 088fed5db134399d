"""Snapshots of an article, so that nothing typed is ever lost for good.

The editor keeps autosave snapshots while a reporter types; kept forever,
months of work on a long article would be thousands of copies. ``thin``
keeps the history dense where it is useful and sparse where it is not:

* everything from the last hour;
* one per 5 minutes for the rest of the last day;
* one per hour for the rest of the last week;
* one per day before that.

Within each slot the newest snapshot survives. Snapshots taken for a reason
other than autosave (an import, a status change, a restore, a manual save,
closing the article, the original text before its first edit, a publish,
update, unpublish or correction, the losing side of a conflicting save, one side
of a merge) mark a decision and are never thinned; a
publishing decision keeps its words in ``note`` (an override's reason, a
correction's text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.library.articles import set_bylines
from workstation.library.models import Article, Author, Photo, Revision, Section, Tag, utcnow
from workstation.library.users import acting_user

REASONS = (
    "autosave", "status", "close", "import", "restore", "manual", "original",
    "publish", "update", "unpublish", "correction", "conflict", "merge",
)
# (age up to which the rule applies, slot length); older than the last: one a day.
THINNING: Sequence[tuple[timedelta, timedelta | None]] = (
    (timedelta(hours=1), None),
    (timedelta(days=1), timedelta(minutes=5)),
    (timedelta(days=7), timedelta(hours=1)),
)
OLDEST_SLOT = timedelta(days=1)


def _fields(article: Article) -> dict[str, Any]:
    """Everything but the text that a restore brings back or shows."""
    return {
        "slug": article.slug,
        "status": article.status,
        "section_id": article.section_id,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "seo_title": article.seo_title,
        "seo_description": article.seo_description,
        "feature_photo_id": article.feature_photo_id,
        "feature_caption": article.feature_caption,
        "feature_alt": article.feature_alt,
        "tag_ids": [tag.id for tag in article.tags],
        "author_ids": [byline.author_id for byline in article.bylines],
    }


def _same(revision: Revision, article: Article, fields: dict[str, Any]) -> bool:
    return (
        revision.headline == article.headline
        and revision.dek == article.dek
        and revision.body == article.body
        and revision.fields == fields
    )


def snapshot(session: Session, article: Article, reason: str = "autosave", note: str = "") -> Revision:
    """Record the article as it is now; ``note`` keeps the words of a decision (an override's reason).

    An autosave identical to the newest snapshot is not written again (the
    editor autosaves on a timer whether or not anything changed); the newest
    snapshot is returned instead. Each new autosave thins the older ones, so
    the policy above holds without anyone having to remember to run it.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown revision reason {reason!r}")
    session.flush()
    fields = _fields(article)
    if reason == "autosave":
        latest = session.scalars(
            select(Revision)
            .where(Revision.article_id == article.id)
            .order_by(Revision.created_at.desc(), Revision.id.desc())
            .limit(1)
        ).first()
        if latest is not None and _same(latest, article, fields):
            return latest
    revision = Revision(
        article_id=article.id,
        created_at=utcnow(),
        reason=reason,
        headline=article.headline,
        dek=article.dek,
        body=article.body,
        fields=fields,
        note=note,
        by_user=acting_user(session),
    )
    session.add(revision)
    session.flush()
    if reason == "autosave":
        thin(session, article, now=revision.created_at)
    return revision


def keep_side(
    session: Session, article: Article, reason: str, values: dict[str, Any], note: str = "", by_user: str | None = None
) -> Revision:
    """Record ``values`` (headline, dek, body, fields; missing ones as the article has them) as a revision.

    How one side of a conflicting save is kept restorable: the words and
    fields as that writer had them, whatever the article holds now, under
    that writer's name (``by_user``; by default whoever works this session).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown revision reason {reason!r}")
    session.flush()
    revision = Revision(
        article_id=article.id,
        created_at=utcnow(),
        reason=reason,
        headline=values.get("headline", article.headline),
        dek=values.get("dek", article.dek),
        body=values.get("body", article.body),
        fields=values.get("fields", _fields(article)),
        note=note,
        by_user=acting_user(session) if by_user is None else by_user,
    )
    session.add(revision)
    session.flush()
    return revision


def list_revisions(session: Session, article: Article) -> list[Revision]:
    """The article's snapshots, newest first."""
    return list(
        session.scalars(
            select(Revision)
            .where(Revision.article_id == article.id)
            .order_by(Revision.created_at.desc(), Revision.id.desc())
        )
    )


def restore(session: Session, article: Article, revision: Revision) -> Revision:
    """Bring back the revision's text and editorial fields; returns the undo snapshot.

    The current state is snapshotted first, so a restore is itself undoable.
    The slug, status and publication date are left as they are: changing
    them would move or unpublish a page that may already be live. Sections,
    tags, authors and photos deleted since the snapshot are skipped.
    """
    if revision.article_id != article.id:
        raise ValueError("that revision belongs to another article")
    undo = snapshot(session, article, "restore")
    values = restorable(session, revision)
    tags = values.pop("tags")
    authors = values.pop("authors")
    for key, value in values.items():
        setattr(article, key, value)
    article.tags = tags
    set_bylines(session, article, authors)
    session.flush()
    return undo


def restorable(session: Session, revision: Revision) -> dict[str, Any]:
    """What restoring ``revision`` brings back, as article attribute values.

    Shared by ``restore`` (which writes them) and the article desk (which
    hands them to the editor), so both skip the same things: the slug,
    status and date, and sections, tags, authors and photos deleted since
    the snapshot. ``tags`` and ``authors`` are records (authors in byline order).
    """
    fields = revision.fields or {}
    values: dict[str, Any] = {"headline": revision.headline, "dek": revision.dek, "body": revision.body}
    for key in ("seo_title", "seo_description", "feature_caption", "feature_alt"):
        if isinstance(fields.get(key), str):
            values[key] = fields[key]
    section_id = fields.get("section_id")
    values["section_id"] = section_id if section_id is not None and session.get(Section, section_id) else None
    photo_id = fields.get("feature_photo_id")
    values["feature_photo_id"] = photo_id if photo_id is not None and session.get(Photo, photo_id) else None
    values["tags"] = [tag for tag_id in fields.get("tag_ids", []) if (tag := session.get(Tag, tag_id)) is not None]
    values["authors"] = [
        author for author_id in fields.get("author_ids", []) if (author := session.get(Author, author_id))
    ]
    return values


def _slot(age: timedelta, created_at: datetime) -> tuple[int, int] | None:
    """The thinning slot a snapshot of this age falls in; None means always kept."""
    stamp = int(created_at.timestamp())
    for limit, length in THINNING:
        if age <= limit:
            if length is None:
                return None
            return (int(length.total_seconds()), stamp // int(length.total_seconds()))
    size = int(OLDEST_SLOT.total_seconds())
    return (size, stamp // size)


def thin(session: Session, article: Article, now: datetime | None = None) -> int:
    """Delete autosaves the policy above no longer keeps; returns how many went."""
    now = now or utcnow()
    seen: set[tuple[int, int]] = set()
    removed = 0
    for revision in list_revisions(session, article):
        if revision.reason != "autosave":
            continue
        slot = _slot(now - revision.created_at, revision.created_at)
        if slot is None:
            continue
        if slot in seen:
            session.delete(revision)
            removed += 1
        else:
            seen.add(slot)
    session.flush()
    return removed
