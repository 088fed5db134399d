"""The newsroom's publishing verbs: publish (and update), unpublish, correct.

Publishing is a decision, so it is never a side effect of saving: an
autosave or the status box cannot make an article published, move its
publication date or take it off the site (``articles.write_state`` leaves those
alone). The desk's publish dialog and ``workstation publish`` both come here.

* ``plan_publish`` is what the dialog shows first: preflight's findings for
  this article (``publish.preflight.publish_gate``), the publication time it
  would get, and whether that time can still be chosen.
* ``publish`` runs the gate again inside its own transaction. Errors block
  unless an editor overrides them with a reason, which is kept with the
  "publish" revision. The first publish sets the publication time (the one
  chosen, or now); a time in the future schedules the article (an embargo).
  Publishing a live article again is an update: its publication time stays,
  its last published change (``modified_at``, the page's dateModified) is now.
* ``unpublish`` takes a live or scheduled article off the site (back to
  draft); the next export removes its page.
* ``correct`` adds a dated correction note to a published article.

Each verb writes a revision, so the history lists every decision with its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.database import Library
from workstation.library.models import Article, Correction, Status
from workstation.library.publishing import is_live, is_scheduled, moment_label, now_utc, publication_label
from workstation.library.revisions import snapshot
from workstation.library.users import acting_user
from workstation.publish.preflight import ERROR, Finding, publish_gate

CORRECTION_LIMIT = 2000
REASON_LIMIT = 1000


class PublishBlocked(ValidationError):
    """Preflight found errors and no reason to override them was given."""

    def __init__(self, slug: str, errors: list[Finding]) -> None:
        self.errors = errors
        count = f"{len(errors)} preflight error{'s' if len(errors) != 1 else ''}"
        super().__init__(
            f"{slug} was not published: {count} ({errors[0].message}{'; …' if len(errors) > 1 else ''}); "
            "fix them, or override with a reason"
        )


@dataclass(frozen=True)
class PublishPlan:
    """What publishing the article now would do, for the dialog to show before the editor confirms."""

    article_id: int
    slug: str
    headline: str
    findings: tuple[Finding, ...]
    # The publication time it would get (the stored one for a live article).
    published_at: datetime
    # False for a live article: an update keeps its publication time.
    date_editable: bool
    live: bool
    scheduled: bool

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != ERROR)

    @property
    def verb(self) -> str:
        """"Update" for a live article, "Publish" otherwise (a scheduled one may be rescheduled)."""
        return "Update" if self.live else "Publish"


@dataclass(frozen=True)
class Published:
    """A committed publish or update."""

    article_id: int
    state: ArticleState
    published_at: datetime
    modified_at: datetime
    scheduled: bool
    updated: bool
    overridden: tuple[Finding, ...] = ()

    def message(self) -> str:
        if self.scheduled:
            return f"Scheduled for {moment_label(self.published_at)}"
        if self.updated:
            return f"Updated; first published {moment_label(self.published_at)}"
        return f"Published {moment_label(self.published_at)}"


def _article(session: Session, article_id: int, lock: bool = False) -> Article:
    """The article; with ``lock`` (every verb that writes), under a row lock, so a desk's save waits its turn."""
    article = session.get(Article, article_id, with_for_update=lock or None, populate_existing=lock)
    if article is None:
        raise ValidationError(f"article {article_id} is no longer in the library")
    return article


def _proposed_time(article: Article, now: datetime) -> datetime:
    """A published article keeps its time (live, or its embargo); anything else goes out now."""
    if article.status == Status.PUBLISHED and article.published_at is not None:
        return article.published_at
    return now.astimezone()


def plan_publish(library: Library, article_id: int, now: datetime | None = None) -> PublishPlan:
    now = now or now_utc()
    with library.session() as session:
        article = _article(session, article_id)
        live = is_live(article.status, article.published_at, now)
        return PublishPlan(
            article_id=article.id,
            slug=article.slug,
            headline=article.headline,
            findings=tuple(publish_gate(session, article, now=now)),
            published_at=_proposed_time(article, now),
            date_editable=not live,
            live=live,
            scheduled=is_scheduled(article.status, article.published_at, now),
        )


def _override_note(reason: str, errors: list[Finding]) -> str:
    listed = "; ".join(f.message for f in errors)
    return f"Published over {len(errors)} preflight error{'s' if len(errors) != 1 else ''} ({listed}). Reason: {reason}"


def publish(
    library: Library,
    article_id: int,
    *,
    at: datetime | None = None,
    override: str = "",
    now: datetime | None = None,
) -> Published:
    """Publish or update the article, gated by preflight; raises ``PublishBlocked`` or ``ValidationError``.

    ``at`` is the publication time chosen for an article not yet live (an
    aware datetime; a future one schedules it). ``override`` is the
    editor's reason for publishing over preflight's errors.
    """
    now = now or now_utc()
    reason = " ".join(override.split())
    if len(reason) > REASON_LIMIT:
        raise ValidationError(f"the override reason is longer than {REASON_LIMIT} characters")
    if at is not None and at.tzinfo is None:
        raise ValidationError("the publication time needs a time zone, e.g. 2026-06-12T09:00+02:00")
    with library.transaction() as session:
        article = _article(session, article_id, lock=True)
        live = is_live(article.status, article.published_at, now)
        if live and at is not None and article.published_at is not None and at != article.published_at:
            raise ValidationError(
                f"{article.slug} is already published ({moment_label(article.published_at)}); "
                "an update keeps its publication date"
            )
        errors = [f for f in publish_gate(session, article, now=now) if f.severity == ERROR]
        if errors and not reason:
            raise PublishBlocked(article.slug, errors)
        kept = article.published_at if live else None
        published_at = kept or at or _proposed_time(article, now)
        article.status = Status.PUBLISHED.value
        article.published_at = published_at
        article.modified_at = now if live else published_at
        scheduled = is_scheduled(article.status, published_at, now)
        notes = [_override_note(reason, errors)] if errors else []
        if scheduled:
            notes.insert(0, f"Scheduled for {moment_label(published_at)}")
        snapshot(session, article, "update" if live else "publish", " ".join(notes))
        session.flush()
        state = article_state(article)
    return Published(article_id, state, published_at, now if live else published_at, scheduled, live, tuple(errors))


def unpublish(library: Library, article_id: int, now: datetime | None = None) -> ArticleState:
    """Take the article off the site (it becomes a draft); the next export removes its page."""
    now = now or now_utc()
    with library.transaction() as session:
        article = _article(session, article_id, lock=True)
        if article.status != Status.PUBLISHED:
            raise ValidationError(f"{article.slug} is not published")
        was = "scheduled" if is_scheduled(article.status, article.published_at, now) else "published"
        article.status = Status.DRAFT.value
        snapshot(session, article, "unpublish", f"Taken off the site (was {was})")
        session.flush()
        return article_state(article)


def correct(library: Library, article_id: int, text: str, now: datetime | None = None) -> datetime:
    """Add a dated correction note to a live article; returns its date (also the article's last published change)."""
    now = now or now_utc()
    note = " ".join(text.split())
    if not note:
        raise ValidationError("a correction needs its text")
    if len(note) > CORRECTION_LIMIT:
        raise ValidationError(f"a correction is longer than {CORRECTION_LIMIT} characters")
    with library.transaction() as session:
        article = _article(session, article_id, lock=True)
        if not is_live(article.status, article.published_at, now):
            raise ValidationError(
                f"{article.slug} is not on the site; only a published article is corrected (edit this one instead)"
            )
        noted_at = now.astimezone()
        session.add(Correction(article_id=article.id, noted_at=noted_at, text=note, by_user=acting_user(session)))
        article.modified_at = now
        snapshot(session, article, "correction", note)
    return noted_at


def article_status_label(status: str, published_at: datetime | None, now: datetime | None = None) -> str:
    """The desk's name for the article's state ("Scheduled for …", "Published …", "Draft")."""
    return publication_label(status, published_at, now or now_utc())
