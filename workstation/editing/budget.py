"""The story budget: today's and tomorrow's stories by status, and moving a story between statuses.

A story is on the budget when its publication time (set, or scheduled)
falls today or tomorrow, or when it has no time yet, is not published and
was worked on in the last ``UNSCHEDULED_DAYS`` days: unscheduled work stays
on the budget until it gets a slot, and old abandoned drafts drop off.

Columns are the article's status, except that a published article whose
time is still to come is *scheduled* (held back by the export until then).

Moving a card goes through the publishing workflow, never around it:
``move_story`` is the one place the budget changes a status, with the
workflow's own verbs (``editing.publishing``). Going to "published" or
"scheduled" is gated by preflight (errors refuse the move and say why);
coming back from the site takes the article off it first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum

from sqlalchemy import String, and_, or_, select, type_coerce
from sqlalchemy.orm import selectinload

from workstation.content.critic import published_text
from workstation.content.reading import word_count
from workstation.editing.articles import Choice, Conflicted, save_article
from workstation.errors import ValidationError
from workstation.editing.publishing import publish, unpublish
from workstation.library.article_state import ArticleState, article_state
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, Section, Status
from workstation.library.photo_queries import thumbnails
from workstation.library.publishing import is_live, is_scheduled, now_utc

UNSCHEDULED_DAYS = 7
# Dates are stored as ISO text with their offset; a day's margin either side
# of the window lets SQL narrow the search by text, portably, before the
# exact comparison in Python (no offset is more than 14 hours).
_MARGIN = timedelta(days=1)


class Column(StrEnum):
    DRAFT = "draft"
    EDITING = "editing"
    READY = "ready"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


COLUMNS = tuple(Column)
COLUMN_LABELS = {
    Column.DRAFT: "Draft",
    Column.EDITING: "Editing",
    Column.READY: "Ready",
    Column.SCHEDULED: "Scheduled",
    Column.PUBLISHED: "Published",
}


@dataclass(frozen=True)
class Card:
    article_id: int
    headline: str
    section: str
    byline: str
    words: int
    # The article's word target (its assignment), when it has one.
    target: int | None
    scheduled: datetime | None
    column: Column
    thumbnail: bytes | None

    @property
    def words_label(self) -> str:
        if self.target:
            return f"{self.words:,} / {self.target:,} words"
        return f"{self.words:,} word" + ("" if self.words == 1 else "s")


@dataclass(frozen=True)
class Budget:
    day: date
    columns: dict[Column, list[Card]]
    sections: list[Choice]
    people: list[Choice]
    # The time zone its days are counted in (and its times shown in).
    zone: tzinfo | None = None

    def cards(self) -> list[Card]:
        return [card for column in COLUMNS for card in self.columns[column]]


@dataclass(frozen=True)
class Moved:
    article_id: int
    column: Column
    message: str


def column_of(status: str, published_at: datetime | None, now: datetime) -> Column:
    if is_scheduled(status, published_at, now):
        return Column.SCHEDULED
    return Column(status) if status in Column.__members__.values() else Column.DRAFT


def _window(day: date, zone: tzinfo | None) -> tuple[datetime, datetime]:
    zone = zone or datetime.now().astimezone().tzinfo
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start, start + timedelta(days=2)


def load_budget(
    library: Library,
    day: date | None = None,
    *,
    section_id: int | None = None,
    author_id: int | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> Budget:
    """The budget for ``day`` and the day after (local time), filtered by section and by person."""
    now = now or now_utc()
    day = day or now.astimezone(zone).date()
    start, end = _window(day, zone)
    stale = now - timedelta(days=UNSCHEDULED_DAYS)
    low, high = (start - _MARGIN).date().isoformat(), (end + _MARGIN).date().isoformat()
    published_text_at = type_coerce(Article.published_at, String)
    query = (
        select(Article)
        .options(selectinload(Article.bylines).selectinload(ArticleAuthor.author), selectinload(Article.section))
        .where(
            or_(
                and_(published_text_at >= low, published_text_at < high),
                and_(
                    Article.published_at.is_(None),
                    Article.status != Status.PUBLISHED.value,
                    type_coerce(Article.updated_at, String) >= (stale - _MARGIN).date().isoformat(),
                ),
            )
        )
    )
    if section_id is not None:
        query = query.where(Article.section_id == section_id)
    if author_id is not None:
        query = query.where(Article.id.in_(select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == author_id)))
    columns: dict[Column, list[Card]] = {column: [] for column in COLUMNS}
    with library.session() as session:
        rows = [
            a for a in session.scalars(query)
            if (a.published_at is not None and start <= a.published_at < end)
            or (a.published_at is None and a.updated_at >= stale)
        ]
        thumbs = thumbnails(session, [a.feature_photo_id for a in rows if a.feature_photo_id is not None])
        for article in rows:
            column = column_of(article.status, article.published_at, now)
            columns[column].append(
                Card(
                    article_id=article.id,
                    headline=article.headline,
                    section=article.section.name if article.section else "",
                    byline=", ".join(b.author.name for b in article.bylines),
                    words=word_count(published_text(article.body)),
                    target=getattr(article, "word_target", None) or None,
                    scheduled=article.published_at,
                    column=column,
                    thumbnail=thumbs.get(article.feature_photo_id) if article.feature_photo_id else None,
                )
            )
        sections = [Choice(s.id, s.name) for s in session.scalars(select(Section).order_by(Section.position, Section.name))]
        people = [Choice(a.id, a.name) for a in session.scalars(select(Author).order_by(Author.name))]
    far = datetime.max.replace(tzinfo=timezone.utc)
    for cards in columns.values():
        cards.sort(key=lambda c: (c.scheduled or far, not c.headline, c.headline.lower()))
    return Budget(day, columns, sections, people, start.tzinfo)


# -- moving a story: the publishing workflow's verbs ------------------------------------------


def _state(library: Library, article_id: int) -> tuple[ArticleState, int]:
    """The article as stored, and its version (what a status move is saved against)."""
    with library.session() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise ValidationError(f"article {article_id} is no longer in the library")
        return article_state(article), article.version


def _set_status(library: Library, article_id: int, state: ArticleState, version: int, column: Column) -> None:
    """Save the status move against ``version``: a concurrent edit is merged, never written over."""
    saved = save_article(
        library, article_id, replace(state, status=column.value), revision_reason="status", base=state, base_version=version
    )
    if isinstance(saved, Conflicted):
        who = saved.changed.user or "Someone else"
        raise ValidationError(f"{who} changed the status of “{state.headline or 'Untitled'}” meanwhile; not moved")


def move_story(
    library: Library, article_id: int, column: Column | str, *, at: datetime | None = None, now: datetime | None = None
) -> Moved:
    """Move a story to ``column`` through the publishing workflow (``editing.publishing``).

    "published" publishes now (an article already live is updated and keeps
    its publication time); "scheduled" publishes at ``at``, a time still to
    come; both are gated by preflight, whose errors refuse the move
    (``PublishBlocked``) with nothing changed; the budget offers no override.
    Moving a published or scheduled story to a working column takes it off
    the site first (``unpublish``).
    """
    now = now or now_utc()
    column = Column(column)
    state, version = _state(library, article_id)
    name = state.headline or "Untitled"
    if column is Column.SCHEDULED:
        if at is None or at.tzinfo is None or at <= now:
            raise ValidationError("a scheduled story needs a publication time still to come")
        if is_live(state.status, state.published_at, now):
            raise ValidationError(f"“{name}” is already on the site; take it off first to schedule it")
        published = publish(library, article_id, at=at, now=now)
        return Moved(article_id, column, f"“{name}” scheduled for {published.published_at.astimezone():%a %d %b %H:%M}")
    if column is Column.PUBLISHED:
        live = is_live(state.status, state.published_at, now)
        published = publish(library, article_id, at=None if live else now, now=now)
        return Moved(article_id, column, f"“{name}”: {published.message()}")
    if state.status == Status.PUBLISHED:
        unpublish(library, article_id, now=now)
        if column is not Column.DRAFT:
            _set_status(library, article_id, *_state(library, article_id), column)
        return Moved(article_id, column, f"“{name}” taken off the site, now {COLUMN_LABELS[column].lower()}")
    _set_status(library, article_id, state, version, column)
    return Moved(article_id, column, f"“{name}” is now {COLUMN_LABELS[column].lower()}")


def budget_lines(budget: Budget) -> list[tuple[str, list[str]]]:
    """The budget as a printed list: each column's title and one line per story."""
    lines = []
    for column in COLUMNS:
        rows = []
        for card in budget.columns[column]:
            when = f"{card.scheduled.astimezone(budget.zone):%a %H:%M} · " if card.scheduled else ""
            parts = [card.section, card.byline, card.words_label]
            rows.append(f"{when}{card.headline or 'Untitled'} — " + " · ".join(p for p in parts if p))
        lines.append((f"{COLUMN_LABELS[column]} ({len(rows)})", rows))
    return lines
