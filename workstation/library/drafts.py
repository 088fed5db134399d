"""The article desk's writes: the autosave, and the choices its panel offers.

Autosave runs every second of typing, so it must be boring and safe: one
transaction per save; an article that has gone away is reported, never
recreated; and an empty body never overwrites a non-empty one unless the
reporter cleared the text themselves in this session (an editor that
failed to load must not wipe a story). A bad slug or a vanished author is
reported but never stops the words from being saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.articles import (
    find_article,
    follow_headline,
    new_article,
    set_bylines,
    set_slug,
    set_tags,
    slug_follows_headline,
)
from workstation.library.models import STATUSES, Article, Author, Photo, Revision, Section
from workstation.library.revisions import list_revisions, restorable, snapshot

TEXT_FIELDS = ("headline", "dek", "seo_title", "seo_description", "feature_caption", "feature_alt")


@dataclass
class DraftSaved:
    article: Article
    problems: list[str] = field(default_factory=list)
    body_kept: bool = False


def section_choices(session: Session) -> list[tuple[int, str]]:
    return [(s.id, s.name) for s in session.scalars(select(Section).order_by(Section.position, Section.name))]


def author_choices(session: Session) -> list[tuple[int, str]]:
    return [(a.id, a.name) for a in session.scalars(select(Author).order_by(Author.name))]


def save_draft(
    session: Session,
    article_id: int,
    values: Mapping[str, Any],
    *,
    body_cleared_by_user: bool = False,
    revision_reason: str | None = None,
) -> DraftSaved:
    """Write the desk's ``values`` (the panel's fields and ``body``) to the article.

    An article with no history yet (a demo story, a fresh import from another
    tool) gets its stored text snapshotted before the first edit lands, so the
    words as they were before this session can always be brought back.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise ValidationError(f"article {article_id} is no longer in the library; copy your text elsewhere")
    if (article.body.strip() or article.headline.strip()) and not _has_history(session, article_id):
        snapshot(session, article, "original")
    result = DraftSaved(article)
    slug_is_automatic = slug_follows_headline(article, article.headline)
    old_headline = article.headline
    body = values.get("body")
    if isinstance(body, str):
        if body.strip() or not article.body.strip() or body_cleared_by_user:
            article.body = body
        else:
            result.body_kept = True
    for name in TEXT_FIELDS:
        if isinstance(values.get(name), str):
            setattr(article, name, values[name])
    status = values.get("status")
    if status in STATUSES:
        article.status = status
    if "section_id" in values:
        section_id = values["section_id"]
        article.section_id = section_id if section_id is not None and session.get(Section, section_id) else None
    if "published_at" in values and (values["published_at"] is None or isinstance(values["published_at"], datetime)):
        article.published_at = values["published_at"]
    if "feature_photo_id" in values:
        photo_id = values["feature_photo_id"]
        if photo_id is not None and session.get(Photo, photo_id) is None:
            result.problems.append(f"lead photo {photo_id} is no longer in the library")
            photo_id = None
        article.feature_photo_id = photo_id
    # Every autosave sends the tags and byline; rewriting them unchanged
    # would cost a query per tag and two flushes each second of typing.
    if "tags" in values and list(values["tags"]) != [tag.name for tag in article.tags]:
        try:
            set_tags(session, article, values["tags"])
        except ValidationError as exc:
            result.problems.append(str(exc))
    if "author_ids" in values and list(values["author_ids"]) != [byline.author_id for byline in article.bylines]:
        authors = [author for author_id in values["author_ids"] if (author := session.get(Author, author_id))]
        set_bylines(session, article, authors)
    slug = values.get("slug")
    if isinstance(slug, str) and slug.strip() and slug.strip() != article.slug:
        try:
            set_slug(session, article, slug)
        except ValidationError as exc:
            result.problems.append(str(exc))
    elif slug_is_automatic and article.headline != old_headline and article.status != "published":
        follow_headline(session, article)
    if revision_reason is not None:
        snapshot(session, article, revision_reason)
    session.flush()
    return result


def _has_history(session: Session, article_id: int) -> bool:
    return session.scalar(select(Revision.id).where(Revision.article_id == article_id).limit(1)) is not None


def revision_summaries(session: Session, article_id: int) -> list[tuple[int, datetime, str]]:
    """(id, when, why) of the article's revisions, newest first."""
    article = session.get(Article, article_id)
    if article is None:
        return []
    return [(r.id, r.created_at, r.reason) for r in list_revisions(session, article)]


def _own_revision(session: Session, article_id: int, revision_id: int) -> Revision:
    revision = session.get(Revision, revision_id)
    if revision is None or revision.article_id != article_id:
        raise ValidationError(f"revision {revision_id} is not one of this article's")
    return revision


def revision_text(session: Session, article_id: int, revision_id: int) -> tuple[str, str, str]:
    """(headline, dek, body) of one of this article's revisions."""
    revision = _own_revision(session, article_id, revision_id)
    return revision.headline, revision.dek, revision.body


# What a restore leaves alone: changing them would move, unpublish or
# re-date a page that may already be live (as ``revisions.restore`` does).
KEPT_ON_RESTORE = ("slug", "status", "published_at")


def revision_values(session: Session, article_id: int, revision_id: int) -> dict[str, Any]:
    """The desk's values as one of this article's revisions had them, for Restore.

    The same values ``revisions.restore`` writes (``revisions.restorable``),
    handed to the desk instead, so the body goes back through the editor
    (and Ctrl+Z undoes it) and the save that follows is the ordinary
    autosave. Fields in ``KEPT_ON_RESTORE`` are absent.
    """
    values = restorable(session, _own_revision(session, article_id, revision_id))
    values["tags"] = [tag.name for tag in values["tags"]]
    values["author_ids"] = [author.id for author in values.pop("authors")]
    return values


def load_draft(session: Session, article_id: int) -> Any:
    """The article as the desk edits it (a ``publish.preview.ArticleState``)."""
    from workstation.publish.preview import article_state

    article = session.get(Article, article_id)
    if article is None:
        raise ValidationError(f"article {article_id} is no longer in the library")
    return article_state(article)


def article_exists(session: Session, article_id: int) -> bool:
    return session.get(Article, article_id) is not None


def article_id_for_slug(session: Session, slug: str) -> int:
    article = find_article(session, slug)
    if article is None:
        raise ValidationError(f"no article with the slug {slug!r} in this library")
    return article.id


def create_draft(session: Session) -> int:
    """A new empty draft, saved at once: the desk never holds unsaved articles."""
    return new_article(session).id


def photo_markdown(session: Session, photo_id: int) -> str:
    """The Markdown that places a library photo in a body: ``![alt](photo:12)``."""
    from workstation.content.references import photo_ref

    photo = session.get(Photo, photo_id)
    if photo is None:
        raise ValidationError(f"photo {photo_id} is no longer in the library")
    alt = " ".join((photo.alt_text or photo.caption or "").split())
    alt = alt.replace("[", "(").replace("]", ")").replace("\\", "/")
    return f"![{alt}]({photo_ref(photo_id)})"
