"""Finding, listing and creating articles; their bylines, sections and tags.

None of these functions commits: callers run them inside
``Library.transaction()`` so that an import or an edit is one unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Select, case, func, literal, select, tuple_
from sqlalchemy.orm import Session

from workstation.content.slugs import slugify, unique_slug
from workstation.errors import ValidationError
from workstation.library.models import STATUSES, Article, ArticleAuthor, Author, Section, Tag, slug_matches
from workstation.library.fts import fts_filter, fts_query, matching_ids

SLUG_LIMIT = 200
NAME_LIMIT = 200


def locked_article(session: Session, article_id: int) -> Article | None:
    """The article read afresh under a row lock held to the end of the transaction (None if it is gone).

    Two desks saving one article must not both write from the version they
    read: the second waits for the first and then merges with what it wrote.
    On PostgreSQL the lock is ``FOR NO KEY UPDATE``, the lock an UPDATE
    itself takes, which is all a save needs: it conflicts with another
    save's lock and with a delete, but a save never changes the article's
    key, so the ``FOR KEY SHARE`` a foreign-key check takes (a presence hold,
    a revision, a byline or tag naming the article, written by another
    desk) need not wait for the save, and no such writer, holding its own
    row locks meanwhile, can end up in a deadlock with it. Plain ``FOR UPDATE``
    would block all of those. SQLite has one writer and ignores the lock.
    """
    return session.get(Article, article_id, with_for_update={"key_share": True}, populate_existing=True)


def find_article(session: Session, slug: str) -> Article | None:
    return session.scalars(select(Article).where(slug_matches(Article.slug, slug))).first()


def _slug_taken(session: Session, slug: str, article: Article | None = None) -> bool:
    with session.no_autoflush:
        query = select(Article.id).where(slug_matches(Article.slug, slug))
        if article is not None and article.id is not None:
            query = query.where(Article.id != article.id)
        return session.scalars(query).first() is not None


def new_article(session: Session, headline: str = "") -> Article:
    """A fresh draft whose slug comes from the headline and is free in this library."""
    article = Article(
        headline=headline,
        slug=unique_slug(headline or "untitled", lambda slug: _slug_taken(session, slug)),
    )
    session.add(article)
    session.flush()
    return article


def slug_follows_headline(article: Article, headline: str) -> bool:
    """Whether the article's slug is still the one ``new_article`` made from ``headline``.

    A draft whose address nobody has chosen should take its address from
    the headline the reporter ends up writing, not stay "untitled-3"; once
    the slug is typed by hand, or the article is published (its address
    may be live), it stays put.
    """
    if article.status == "published":
        return False
    text = headline or "untitled"
    if article.slug == slugify(text):
        return True
    base, _dash, number = article.slug.rpartition("-")
    return number.isdigit() and int(number) >= 2 and base == slugify(text, max(1, 80 - len(number) - 1))


def follow_headline(session: Session, article: Article) -> str:
    """Give the article the free slug of its current headline."""
    article.slug = unique_slug(article.headline or "untitled", lambda slug: _slug_taken(session, slug, article))
    return article.slug


def set_slug(session: Session, article: Article, wanted: str) -> str:
    """Give the article a new slug (made safe); refuses one another article has."""
    slug = slugify(wanted, max_length=SLUG_LIMIT)
    if _slug_taken(session, slug, article):
        raise ValidationError(f"slug {slug!r} is already used by another article")
    article.slug = slug
    return slug


def _filtered(query: Select, status: str | None, section_id: int | None, text: str | None) -> Select:
    if status is not None:
        if status not in STATUSES:
            raise ValidationError(f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})")
        query = query.where(Article.status == status)
    if section_id is not None:
        query = query.where(Article.section_id == section_id)
    matching = fts_filter("article", Article.id, text)
    return query if matching is None else query.where(matching)


def list_articles(
    session: Session,
    status: str | None = None,
    section_id: int | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
    after: tuple[datetime, int] | None = None,
) -> list[Article]:
    """One page of articles, most recently changed first.

    ``query`` is what the user typed in the filter box; it goes through the
    same quoting as search, so any text is safe and the last word matches as
    a prefix while it is still being typed.

    ``after`` is the (``updated_at``, ``id``) of the last article of the
    page before: the page goes on from there (a keyset), so a list scrolled
    deep into a decade's archive reads only its next page, not every row
    above it as an offset would.
    """
    return list(session.scalars(_page(select(Article), status, section_id, query, limit, offset, after)))


def list_article_rows(
    session: Session,
    status: str | None = None,
    section_id: int | None = None,
    query: str | None = None,
    limit: int = 50,
    after: tuple[datetime, int] | None = None,
) -> list[tuple[int, str, str, str, datetime, datetime | None, int, str | None]]:
    """``list_articles``'s page as plain rows of what a list shows.

    Each row is (id, slug, headline, status, updated_at, published_at,
    word_target, body), the body only for an article with a word target
    (its progress is counted) and None otherwise. The navigator and the
    pickers read hundreds per answer on a worker: whole articles, bodies
    and the ORM's bookkeeping included, kept it holding the interpreter lock
    the UI thread paints with.
    """
    body = case((Article.word_target > 0, Article.body), else_=None)
    statement = select(
        Article.id, Article.slug, Article.headline, Article.status, Article.updated_at, Article.published_at,
        Article.word_target, body,
    )
    return [tuple(row) for row in session.execute(_page(statement, status, section_id, query, limit, 0, after))]


def _page(
    statement: Select, status: str | None, section_id: int | None, query: str | None, limit: int, offset: int,
    after: tuple[datetime, int] | None,
) -> Select:
    """``statement`` filtered, most recently changed first, from ``after`` on (see ``list_articles``)."""
    statement = _filtered(statement, status, section_id, query)
    if after is not None:
        statement = statement.where(tuple_(Article.updated_at, Article.id) < tuple_(
            literal(after[0], Article.updated_at.type), literal(after[1], Article.id.type)
        ))
    return statement.order_by(Article.updated_at.desc(), Article.id.desc()).limit(limit).offset(offset)


def count_articles(
    session: Session, status: str | None = None, section_id: int | None = None, query: str | None = None
) -> int:
    if status is None and section_id is None and query is not None and fts_query(query) is not None:
        # Only the words filter: the index counts its matches without reading an article.
        return int(session.scalar(select(func.count()).select_from(matching_ids("article", query).subquery())) or 0)
    statement = _filtered(select(func.count(Article.id)), status, section_id, query)
    return int(session.scalar(statement) or 0)


def set_bylines(session: Session, article: Article, authors: Iterable[Author]) -> None:
    """Replace the byline with ``authors`` in this order; a repeated author appears once."""
    ordered: list[Author] = []
    for author in authors:
        if all(author is not seen for seen in ordered):
            ordered.append(author)
    session.flush()
    current = {byline.author_id: byline for byline in article.bylines}
    bylines = []
    for position, author in enumerate(ordered):
        byline = current.get(author.id) if author.id is not None else None
        if byline is None:
            byline = ArticleAuthor(author=author)
        byline.position = position
        bylines.append(byline)
    article.bylines = bylines
    session.flush()


def _clean_name(name: str, what: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ValidationError(f"a {what} needs a name")
    if len(cleaned) > NAME_LIMIT:
        raise ValidationError(f"{what} name is longer than {NAME_LIMIT} characters")
    return cleaned


def find_section(session: Session, name_or_slug: str) -> Section | None:
    """The section with this slug, else this exact name, else this name ignoring case."""
    wanted = " ".join(str(name_or_slug).split())
    found = session.scalars(select(Section).where(slug_matches(Section.slug, wanted))).first()
    found = found or session.scalars(select(Section).where(Section.name == wanted)).first()
    if found is None:
        key = wanted.casefold()
        found = next((s for s in session.scalars(select(Section)) if s.name.casefold() == key), None)
    return found


def find_or_create_section(session: Session, name_or_slug: str) -> Section:
    name = _clean_name(name_or_slug, "section")
    section = find_section(session, name)
    if section is None:

        def taken(slug: str) -> bool:
            return session.scalars(select(Section.id).where(slug_matches(Section.slug, slug))).first() is not None

        position = int(session.scalar(select(func.coalesce(func.max(Section.position), -1))) or 0) + 1
        section = Section(name=name, slug=unique_slug(name, taken), position=position)
        session.add(section)
        session.flush()
    return section


def find_or_create_tag(session: Session, name: str) -> Tag:
    """Tags are matched by slug, so "Kyiv" and "kyiv" are one tag."""
    name = _clean_name(name, "tag")
    slug = slugify(name, max_length=SLUG_LIMIT)
    tag = session.scalars(select(Tag).where(slug_matches(Tag.slug, slug))).first()
    if tag is None:
        tag = Tag(name=name, slug=slug)
        session.add(tag)
        session.flush()
    return tag


def set_tags(session: Session, article: Article, names: Iterable[str]) -> None:
    tags: list[Tag] = []
    for name in names:
        tag = find_or_create_tag(session, name)
        if tag not in tags:
            tags.append(tag)
    article.tags = tags
