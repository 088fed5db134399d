"""Articles as a desk edits them: open, save, autosave and revisions, restore and its undo.

Autosave runs every second of typing, so it must be boring and safe: one
short transaction per save, and a save returns only once it is committed,
so a desk that shows "Saved" from the returned ``Saved`` never lies. An
article that has gone away is reported, never recreated; an empty body
never overwrites a non-empty one unless the reporter cleared the text
themselves; a bad slug or tag is reported but never stops the words from
being saved.

No silent overwrite: a desk's save names the version it started from (and
the fields as it loaded them). When the stored article has moved on since
(a colleague's desk, a bring-back), the save is merged against that base
(``content.merge``): a clean merge is saved and says whose changes it took
in; a conflict saves nothing over the article and comes back as
``Conflicted`` with both sides, both kept as "conflict" revisions first, so
whatever is chosen no word is lost. The stored row is read under a lock
(``FOR NO KEY UPDATE`` on PostgreSQL; SQLite has one writer), so two saves of the
same article cannot both win.

The rules for one article open on a desk (what "unsaved" means, when an
autosave keeps a revision, how a restore is undone) are ``article_edit``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from workstation.content.merge import Choice as MergeChoice
from workstation.content.merge import Conflict, Merge, merge_fields
from workstation.content.references import photo_ref
from workstation.editing.versions import Changed
from workstation.editing.photos import thumbnail
from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.articles import (
    find_article,
    follow_headline,
    locked_article,
    list_articles,
    new_article,
    set_bylines,
    set_slug,
    set_tags,
    slug_follows_headline,
)
from workstation.library.database import Library
from workstation.library.models import STATUSES, Article, Author, Photo, Revision, Section, Status, Tag, utcnow
from workstation.library.photo_queries import thumbnails
from workstation.library.revisions import keep_side, list_revisions, restore, snapshot
from workstation.library.users import acting_user

# What a restore leaves alone (as ``revisions.restore`` does): changing them
# would move, unpublish or re-date a page that may already be live.
# The word target is the assignment, not the text: revisions do not hold it, and a restore keeps it.
KEPT_ON_RESTORE = ("slug", "status", "published_at", "word_target")
# What a merge takes from the stored side and never from a save: publishing is a decision (``editing.publishing``).
NOT_MERGED = ("published_at",)
# A save that lost a race with a concurrent write (StaleDataError) is tried again this many times.
SAVE_ATTEMPTS = 3
# How a merge names a field to a person.
FIELD_LABELS = {
    "slug": "Slug", "headline": "Headline", "dek": "Dek", "body": "Text", "section_id": "Section",
    "author_ids": "Byline", "tags": "Tags", "status": "Status", "feature_photo_id": "Lead photo",
    "feature_caption": "Lead photo caption", "feature_alt": "Lead photo alt text", "seo_title": "SEO title",
    "seo_description": "SEO description", "word_target": "Word target",
}
# Lengths past which a field is too long for where it shows (a search result's title and snippet).
LENGTH_HINTS = {"headline": 100, "seo_title": 60, "seo_description": 160}


class Choice(NamedTuple):
    """One entry of a desk's drop-down or list: the record's id and its name."""

    id: int
    name: str


class RevisionSummary(NamedTuple):
    id: int
    created_at: datetime
    reason: str
    # The words of a publishing decision: an override's reason, a correction's text.
    note: str = ""
    # Who made it ("" in a library file nobody named).
    by_user: str = ""


@dataclass(frozen=True)
class OpenedArticle:
    """What the desk needs to show an article: its fields and the choices around them."""

    article_id: int
    state: ArticleState
    sections: list[Choice]
    authors: list[Choice]
    lead_thumbnail: bytes | None
    # The stored version ``state`` is; saves name it as the one they started from.
    version: int = 1


@dataclass(frozen=True)
class Saved:
    """A committed save: ``state`` is what the file holds now."""

    article_id: int
    state: ArticleState
    problems: tuple[str, ...] = ()
    slug_problem: str | None = None
    body_kept: bool = False
    revision_kept: bool = False
    # The version the file now holds (the base of the next save).
    version: int = 1
    # Set when the save was made against an older version and merged with what was written since.
    merged: Changed | None = None


@dataclass(frozen=True)
class Conflicted:
    """A save not applied: the article changed since the desk's version, and both changed the same things.

    Nothing of it was written over the article; both sides were kept as
    "conflict" revisions (``kept``: their ids). ``merge`` holds every
    conflict with base, mine and theirs; ``theirs`` and ``version`` are
    what the file holds now, the base a resolution is saved against
    (``resolution``).
    """

    article_id: int
    merge: Merge
    theirs: ArticleState
    version: int
    changed: Changed
    kept: tuple[int, ...]

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.merge.conflicts

    def resolution(self, choices: Sequence[MergeChoice] | Mapping[int, MergeChoice]) -> ArticleState:
        """The article with each conflict settled by its choice (by index in ``conflicts``), ready to save."""
        return _state_from(self.theirs, self.merge.resolved(choices))


@dataclass(frozen=True)
class Restored:
    """A committed restore, or its undo or redo: the fields to show, and the lead photo's thumbnail."""

    saved: Saved
    lead_thumbnail: bytes | None


@dataclass(frozen=True)
class RestorePoint:
    """The two sides of the last restore, so Undo and Redo bring back every field, not only the body."""

    before: ArticleState
    after: ArticleState
    undone: bool = False


# -- opening and listing ------------------------------------------------------------------


def open_article(library: Library, article_id: int) -> OpenedArticle:
    with library.session() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise ValidationError(f"article {article_id} is no longer in the library")
        state = article_state(article)
        return OpenedArticle(
            article_id, state, _sections(session), _authors(session), _thumbnail(session, state.feature_photo_id),
            article.version,
        )


def article_id_for_slug(library: Library, slug: str) -> int:
    with library.session() as session:
        article = find_article(session, slug)
        if article is None:
            raise ValidationError(f"no article with the slug {slug!r} in this library")
        return article.id


def article_to_reopen(library: Library, remembered: object) -> int | None:
    """The article last worked on (``remembered``, as stored in the settings), or the newest one.

    A first visit then shows a story beside its live page, not an empty editor.
    """
    try:
        article_id: int | None = int(remembered)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        article_id = None
    with library.session() as session:
        if article_id is not None and session.get(Article, article_id) is not None:
            return article_id
        newest = list_articles(session, limit=1)
        return newest[0].id if newest else None


def create_article(library: Library) -> int:
    """A new empty draft, committed at once: the desk never holds an article the file lacks."""
    with library.transaction() as session:
        return new_article(session).id


def choices(library: Library) -> tuple[list[Choice], list[Choice]]:
    """(sections, authors) as the article panel offers them, as they are now."""
    with library.session() as session:
        return _sections(session), _authors(session)


def photo_markdown(library: Library, photo_id: int) -> str:
    """The Markdown that places a library photo in a body: ``![alt](photo:12)``."""
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise ValidationError(f"photo {photo_id} is no longer in the library")
        alt = " ".join((photo.alt_text or photo.caption or "").split())
    alt = alt.replace("[", "(").replace("]", ")").replace("\\", "/")
    return f"![{alt}]({photo_ref(photo_id)})"


def _sections(session: Session) -> list[Choice]:
    return [Choice(s.id, s.name) for s in session.scalars(select(Section).order_by(Section.position, Section.name))]


def _authors(session: Session) -> list[Choice]:
    return [Choice(a.id, a.name) for a in session.scalars(select(Author).order_by(Author.name))]


def _thumbnail(session: Session, photo_id: int | None) -> bytes | None:
    return thumbnails(session, [photo_id]).get(photo_id) if photo_id is not None else None


def length_note(field: str, text: str, limit: int | None = None) -> str:
    """"61 / 60 — too long": a field's length against the length it should keep to (``limit``: the house's)."""
    hint = limit or LENGTH_HINTS[field]
    return f"{len(text)} / {hint}" if len(text) <= hint else f"{len(text)} / {hint} — too long"


def parse_tags(text: str) -> list[str]:
    """Tags as typed in one box, separated by commas."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


# -- saving ---------------------------------------------------------------------------------


def save_article(
    library: Library,
    article_id: int,
    state: ArticleState,
    *,
    body_cleared_by_user: bool = False,
    revision_reason: str | None = None,
    follow_headline: bool = True,
    base: ArticleState | None = None,
    base_version: int | None = None,
) -> Saved | Conflicted:
    """Write ``state`` to the article and commit; returns what the file now holds, or the conflict.

    ``base`` and ``base_version`` are the fields and version the writer
    started from. When the stored version is newer, ``state`` is merged
    with what was written since; a conflict writes nothing over the
    article (both sides are kept as revisions). Without a base the save is
    written as it is (a verb acting on what it has just read).
    """
    attempts_left = SAVE_ATTEMPTS
    while True:
        try:
            return _save_once(
                library, article_id, state, body_cleared_by_user, revision_reason, follow_headline, base, base_version
            )
        except StaleDataError:  # another writer's UPDATE landed between our read and ours: read again and merge
            attempts_left -= 1
            if not attempts_left:
                raise


def _save_once(
    library: Library,
    article_id: int,
    state: ArticleState,
    body_cleared_by_user: bool,
    revision_reason: str | None,
    follow: bool,
    base: ArticleState | None,
    base_version: int | None,
) -> Saved | Conflicted:
    merged: Changed | None = None
    with library.transaction() as session:
        article = _article(session, article_id, lock=True)
        if base is not None and base_version is not None and article.version != base_version:
            theirs = article_state(article)
            merge = merge_fields(_mergeable(base), _mergeable(state), _mergeable(theirs))
            changed = Changed(article.updated_by, article.updated_at, merge.from_theirs)
            if not merge.clean:
                kept = _keep_both_sides(session, article, state, changed)
                return Conflicted(article_id, merge, theirs, article.version, changed, kept)
            state = _state_from(state, merge.resolved())
            merged = changed if changed.fields else None
        before = article_state(article)
        problems, slug_problem, body_kept = write_state(session, article, state, body_cleared_by_user, follow)
        if revision_reason is not None:
            snapshot(session, article, revision_reason)
        if article_state(article) != before:
            # Tags and bylines live in their own tables: the row is touched so that its version moves too.
            article.updated_at = utcnow()
        session.flush()
        stored = article_state(article)
        version = article.version
    return Saved(article_id, stored, problems, slug_problem, body_kept, revision_reason is not None, version, merged)


def _mergeable(state: ArticleState) -> dict[str, Any]:
    """The fields a merge compares: tags as a set (sorted), publishing fields left out."""
    values = {f.name: getattr(state, f.name) for f in fields(state) if f.name not in NOT_MERGED}
    values["tags"] = tuple(tag_key(state.tags))
    return values


def _state_from(state: ArticleState, values: Mapping[str, Any]) -> ArticleState:
    return replace(state, **{name: value for name, value in values.items() if name not in NOT_MERGED})


def _keep_both_sides(session: Session, article: Article, mine: ArticleState, changed: Changed) -> tuple[int, ...]:
    """Both sides of a conflict as "conflict" revisions, each under its writer's name: restorable whatever is chosen.

    A side already kept (an autosave hitting the same conflict again) is not kept twice.
    """
    me = acting_user(session)
    theirs = article_state(article)
    sides = (
        (theirs, changed.user, f"stored when {me or 'another desk'}'s save conflicted with it"),
        (mine, me, f"not saved: conflicted with {changed.user or 'another desk'}'s changes"),
    )
    recent = list_revisions(session, article)[:2]
    kept = []
    for side, user, note in sides:
        same = next((r for r in recent if r.reason == "conflict" and r.by_user == user
                     and (r.headline, r.dek, r.body) == (side.headline, side.dek, side.body)), None)
        if same is None:
            same = keep_side(session, article, "conflict", _revision_values(session, side), note, by_user=user)
        kept.append(same.id)
    return tuple(kept)


def _revision_values(session: Session, state: ArticleState) -> dict[str, Any]:
    """``state`` as a revision holds it: the text, and the other fields as ``revisions`` records them (tags by id)."""
    tag_ids = [tag.id for tag in session.scalars(select(Tag).where(Tag.name.in_(state.tags)).order_by(Tag.name))]
    return {
        "headline": state.headline, "dek": state.dek, "body": state.body,
        "fields": {
            "slug": state.slug, "status": state.status, "section_id": state.section_id,
            "published_at": state.published_at.isoformat() if state.published_at else None,
            "seo_title": state.seo_title, "seo_description": state.seo_description,
            "feature_photo_id": state.feature_photo_id, "feature_caption": state.feature_caption,
            "feature_alt": state.feature_alt, "tag_ids": tag_ids, "author_ids": list(state.author_ids),
        },
    }


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the side-by-side dialog shows it: where it is, and each side as readable text."""

    title: str
    base: str
    mine: str
    theirs: str
    can_keep_both: bool


def conflict_summary(conflicted: Conflicted) -> str:
    """"Olena Marchenko saved this article at 14:02 while you were editing it." (local time)."""
    who = conflicted.changed.user or "Someone"
    at = conflicted.changed.at
    when = f" at {at.astimezone():%H:%M}" if at is not None else ""
    return f"{who} saved this article{when} while you were editing it."


def conflict_views(library: Library, conflicted: Conflicted) -> list[ConflictView]:
    """Every conflict of ``conflicted`` in order (the order ``ArticleEdit.resolve`` takes choices in)."""
    views = []
    count = sum(1 for c in conflicted.conflicts if c.field == "body")
    number = 0
    for conflict in conflicted.conflicts:
        title = FIELD_LABELS.get(conflict.field, conflict.field)
        if conflict.field == "body" and count > 1:
            number += 1
            title = f"{title}, place {number} of {count}"
        views.append(ConflictView(
            title,
            shown_value(library, conflict.field, conflict.base),
            shown_value(library, conflict.field, conflict.mine),
            shown_value(library, conflict.field, conflict.theirs),
            conflict.can_keep_both,
        ))
    return views


def shown_value(library: Library, field: str, value: Any) -> str:
    """A field's value as a person reads it in a conflict: names for sections, bylines and photos."""
    if value is None or value == "" or value == ():
        return "(removed)" if field == "body" else "(none)"
    with library.session() as session:
        if field == "section_id":
            section = session.get(Section, value)
            return section.name if section is not None else f"section {value}"
        if field == "author_ids":
            names = [a.name if (a := session.get(Author, author_id)) else f"author {author_id}" for author_id in value]
            return ", ".join(names)
        if field == "feature_photo_id":
            photo = session.get(Photo, value)
            return (photo.original_filename or f"photo {value}") if photo is not None else f"photo {value}"
    if field == "tags":
        return ", ".join(value)
    return str(value)


def _article(session: Session, article_id: int, lock: bool = False) -> Article:
    """The stored article; with ``lock``, read under a row lock held to the end of the transaction.

    The lock is ``library.articles.locked_article``'s ``FOR NO KEY UPDATE``
    (not ``FOR UPDATE``), so a save never holds up another desk's
    foreign-key check on the article, the way photo locks never hold up a
    save that makes the photo an article's lead.
    """
    article = locked_article(session, article_id) if lock else session.get(Article, article_id)
    if article is None:
        raise ValidationError(f"article {article_id} is no longer in the library; copy your text elsewhere")
    return article


def write_state(
    session: Session, article: Article, state: ArticleState, body_cleared_by_user: bool, follow: bool = True
) -> tuple[tuple[str, ...], str | None, bool]:
    """Put ``state`` on ``article``; returns (problems, the slug's problem, whether the stored body was kept).

    The one way an article's fields are written, in the caller's
    transaction and with no version check: ``save_article`` calls it after
    merging against the writer's base, and a caller that has settled the
    state itself (bring-back writing a new article it just made) calls it
    directly. The article should be freshly made or read under its row lock.

    An article with no history yet (a demo story, a fresh import from another
    tool) gets its stored text snapshotted before the first edit lands, so the
    words as they were before this session can always be brought back.
    An automatic slug follows a changed headline unless ``follow`` is off
    (an undo puts fields back; it does not edit the headline).
    """
    if (article.body.strip() or article.headline.strip()) and not _has_history(session, article.id):
        snapshot(session, article, "original")
    problems: list[str] = []
    slug_problem = None
    body_kept = False
    slug_is_automatic = slug_follows_headline(article, article.headline)
    old_headline = article.headline
    if state.body.strip() or not article.body.strip() or body_cleared_by_user:
        article.body = state.body
    else:
        body_kept = True
    for name in ("headline", "dek", "seo_title", "seo_description", "feature_caption", "feature_alt"):
        setattr(article, name, getattr(state, name))
    # Publishing is a decision (``editing.publishing``): a save never publishes, unpublishes or re-dates.
    if state.status in STATUSES and Status.PUBLISHED not in (state.status, article.status):
        article.status = state.status
    section_id = state.section_id
    article.section_id = section_id if section_id is not None and session.get(Section, section_id) else None
    article.word_target = max(0, int(state.word_target))
    photo_id = state.feature_photo_id
    if photo_id is not None and session.get(Photo, photo_id) is None:
        problems.append(f"lead photo {photo_id} is no longer in the library")
        photo_id = None
    article.feature_photo_id = photo_id
    # Every autosave sends the tags and byline; rewriting them unchanged
    # would cost a query per tag and two flushes each second of typing.
    if tag_key(state.tags) != tag_key(tag.name for tag in article.tags):
        try:
            set_tags(session, article, state.tags)
        except ValidationError as exc:
            problems.append(str(exc))
    if list(state.author_ids) != [byline.author_id for byline in article.bylines]:
        set_bylines(session, article, [a for author_id in state.author_ids if (a := session.get(Author, author_id))])
    slug = state.slug.strip()
    if slug and slug != article.slug:
        try:
            set_slug(session, article, slug)
        except ValidationError as exc:
            slug_problem = str(exc)
            problems.append(slug_problem)
    elif follow and slug_is_automatic and article.headline != old_headline and article.status != "published":
        follow_headline(session, article)
    return tuple(problems), slug_problem, body_kept


def tag_key(tags: Iterable[str]) -> list[str]:
    """Tags compare as a set: the file keeps them in name order, whatever order they were typed in."""
    return sorted(set(tags))


def _has_history(session: Session, article_id: int) -> bool:
    return session.scalar(select(Revision.id).where(Revision.article_id == article_id).limit(1)) is not None


# -- revisions --------------------------------------------------------------------------------


def revision_summaries(library: Library, article_id: int) -> list[RevisionSummary]:
    """The article's revisions, newest first (none for an article that has gone)."""
    with library.session() as session:
        article = session.get(Article, article_id)
        if article is None:
            return []
        return [RevisionSummary(r.id, r.created_at, r.reason, r.note, r.by_user) for r in list_revisions(session, article)]


def _own_revision(session: Session, article_id: int, revision_id: int) -> Revision:
    revision = session.get(Revision, revision_id)
    if revision is None or revision.article_id != article_id:
        raise ValidationError(f"revision {revision_id} is not one of this article's")
    return revision


def diff_text(headline: str, dek: str, body: str) -> str:
    """The text a revision is compared by: headline and dek come back with a restore, so they are in it."""
    return f"{headline}\n{dek}\n\n{body}"


def revision_diff_text(library: Library, article_id: int, revision_id: int) -> str:
    with library.session() as session:
        revision = _own_revision(session, article_id, revision_id)
        return diff_text(revision.headline, revision.dek, revision.body)


def restore_revision(
    library: Library,
    article_id: int,
    revision_id: int,
    shown: ArticleState,
    *,
    body_cleared_by_user: bool = False,
    base_version: int | None = None,
) -> tuple[Restored, RestorePoint]:
    """Save what the desk shows, then bring a revision back, in one transaction.

    The text and fields shown are written first and kept as a "restore"
    revision, so the restore is itself undoable; the returned ``RestorePoint``
    holds both sides for undoing and redoing it (``write_restore_side``).
    Slug, status and date stay (``KEPT_ON_RESTORE``). When the stored
    article has moved on since ``base_version``, what it holds is kept as a
    "conflict" revision first: a restore is a deliberate overwrite, never a
    silent one.
    """
    with library.transaction() as session:
        article = _article(session, article_id, lock=True)
        revision = _own_revision(session, article_id, revision_id)
        if base_version is not None and article.version != base_version:
            keep_side(session, article, "conflict", {}, "stored when a restore replaced it", by_user=article.updated_by)
        problems, slug_problem, body_kept = write_state(session, article, shown, body_cleared_by_user)
        session.flush()
        before = article_state(article)
        restore(session, article, revision)
        article.updated_at = utcnow()
        session.flush()
        after = article_state(article)
        version = article.version
        thumb = _thumbnail(session, after.feature_photo_id)
    saved = Saved(article_id, after, problems, slug_problem, body_kept, revision_kept=True, version=version)
    return Restored(saved, thumb), RestorePoint(before, after)


def write_restore_side(
    library: Library, article_id: int, side: ArticleState, shown: ArticleState, base_version: int | None = None
) -> Restored:
    """Write one side of a ``RestorePoint`` exactly (its undo or redo): every field as it was, the kept ones as shown now.

    Like a restore, a deliberate overwrite: what a newer stored version held is kept as a revision first.
    """
    state = replace(side, **{name: getattr(shown, name) for name in KEPT_ON_RESTORE})
    if base_version is not None:
        with library.transaction() as session:
            article = _article(session, article_id, lock=True)
            if article.version != base_version:
                keep_side(session, article, "conflict", {}, "stored when an undo replaced it", by_user=article.updated_by)
    saved = save_article(library, article_id, state, body_cleared_by_user=True, follow_headline=False)
    assert isinstance(saved, Saved)  # a save without a base is never a conflict
    return Restored(saved, thumbnail(library, saved.state.feature_photo_id))
