"""Author profiles: finding, creating, editing, merging and deleting them.

Every writer here validates the whole set of fields before touching the
record, so a refused edit leaves the author exactly as it was. None of these
functions commits: callers run them inside ``Library.transaction()``, which
makes a merge or a delete-with-move one unit of work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.content.slugs import slugify, unique_slug
from workstation.errors import ValidationError
from workstation.library.models import Article, ArticleAuthor, Author, Status, slug_matches
from workstation.library.fts import fts_filter, fts_query, matching_ids
from workstation.photos.avatars import crop_square, image_mime

# Longest accepted value of each one-line text field (the column sizes).
LINE_LIMITS = {"name": 300, "role": 200, "location": 300, "slug": 200}
# A bio is a paragraph or two under every article; anything far past that is a paste accident.
BIO_LIMIT = 20_000
URL_LIMIT = 2000
LINK_LABEL_LIMIT = 100
SOCIAL_LINK_LIMIT = 20
EDITABLE_FIELDS = frozenset({"name", "slug", "role", "bio", "email", "website", "location", "social_links", "avatar"})
# The one-line profile keys shared by the front-matter format and the form.
PROFILE_TEXT_KEYS = ("role", "email", "website", "location")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BIO_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def find_author(session: Session, name_or_slug: str) -> Author | None:
    """The author whose slug is ``name_or_slug``, else whose name it is, ignoring case.

    Imported front matter names authors either way ("Olena Kovalenko" or
    "olena-kovalenko"), so both must land on the same profile.
    """
    wanted = " ".join(name_or_slug.split())
    if not wanted:
        return None
    by_slug = session.scalars(select(Author).where(slug_matches(Author.slug, wanted))).first()
    if by_slug is not None:
        return by_slug
    by_name = session.scalars(select(Author).where(Author.name == wanted)).first()
    if by_name is not None:
        return by_name
    # SQLite's lower() folds ASCII only; Cyrillic names are compared in Python.
    key = wanted.casefold()
    for author in session.scalars(select(Author).order_by(Author.id)):
        if author.name.casefold() == key:
            return author
    return None


def get_author(session: Session, author_id: int, lock: bool = False) -> Author:
    """The author with this id (with ``lock``, under a row lock to the transaction's end); refused if deleted.

    The lock is PostgreSQL's ``FOR NO KEY UPDATE``, as for photos (``photo_queries.get_photo``): a byline
    saved meanwhile (a foreign-key check) is not held up by it, so the two cannot deadlock.
    """
    locking = {"key_share": True} if lock else None
    author = session.get(Author, author_id, with_for_update=locking, populate_existing=lock)
    if author is None:
        raise ValidationError(f"author {author_id} is no longer in the library")
    return author


def author_fields(author: Author) -> dict[str, Any]:
    """The editable text fields of a profile, as ``update_author`` takes them."""
    return {
        "name": author.name,
        "slug": author.slug,
        "role": author.role or "",
        "bio": author.bio or "",
        "email": author.email or "",
        "website": author.website or "",
        "location": author.location or "",
        "social_links": [dict(link) for link in author.social_links or []],
    }


def author_avatars(session: Session, author_ids: Iterable[int]) -> dict[int, tuple[bytes, str]]:
    """The stored avatars (bytes, mime) of those authors who have one."""
    ids = list(author_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Author.id, Author.avatar, Author.avatar_mime).where(Author.id.in_(ids), Author.avatar.is_not(None))
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def create_author(session: Session, name: str, **fields: Any) -> Author:
    """Add a profile; the slug is transliterated from the name unless one is given.

    Accepted fields: slug, role, bio, email, website, location, social_links
    (a list of ``{"label", "url"}``) and avatar (image bytes, centre-cropped).
    """
    values = _validated(session, {"name": name, **fields}, author=None)
    if "slug" not in values:
        values["slug"] = unique_slug(values["name"], lambda slug: _slug_taken(session, slug, None))
    author = Author(slug=values.pop("slug"), name=values.pop("name"), social_links=[])
    _apply(author, values)
    session.add(author)
    session.flush()
    return author


def update_author(session: Session, author: Author, **fields: Any) -> Author:
    """Change the given fields; the slug stays as it is unless one is given.

    Keeping the slug when the name changes keeps the author page's address,
    which other sites may already link to.
    """
    values = _validated(session, fields, author=author)
    for key in ("name", "slug"):
        if key in values:
            setattr(author, key, values.pop(key))
    _apply(author, values)
    session.flush()
    return author


def suggest_slug(session: Session, name: str, author: Author | None = None) -> str:
    """The slug a profile named ``name`` would get, without claiming it."""
    return unique_slug(name, lambda slug: _slug_taken(session, slug, author))


def slug_owner(session: Session, slug: str, author: Author | None = None) -> str | None:
    """The name of the other author already using ``slug`` (once made safe), or None when it is free."""
    safe = slugify(slug, max_length=LINE_LIMITS["slug"])
    if not _slug_taken(session, safe, author):
        return None
    return session.scalars(select(Author.name).where(slug_matches(Author.slug, safe))).first()


def set_avatar(session: Session, author: Author, data: bytes | None, box: tuple[int, int, int] | None = None) -> None:
    """Store a square crop of ``data`` as the avatar; ``None`` returns to the initials avatar."""
    if data is None:
        author.avatar = None
        author.avatar_mime = ""
    else:
        _apply(author, {"avatar": crop_square(data, box)})
    session.flush()


def list_authors(session: Session, query: str | None = None) -> list[tuple[Author, int]]:
    """Every author (or those matching ``query`` in name or bio) with their article count, by name.

    A query without any word in it (say "-") matches nothing, as in every search box (``fts.fts_filter``).
    """
    counts = select(ArticleAuthor.author_id, func.count().label("n")).group_by(ArticleAuthor.author_id).subquery()
    statement = select(Author, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.author_id == Author.id)
    matching = fts_filter("author", Author.id, query)
    if matching is not None:
        statement = statement.where(matching)
    rows = [(author, int(count)) for author, count in session.execute(statement)]
    return sorted(rows, key=lambda row: (row[0].name.casefold(), row[0].id))


def author_summaries(session: Session) -> list[tuple[int, str, str, str, int, bool]]:
    """Every author's id, name, slug, role, article count and whether they have an avatar, by name.

    Columns only, no profiles or pictures: the author desk lists a decade's
    newsroom (hundreds of authors on 100,000 bylines) on every visit.
    """
    counts = (
        select(ArticleAuthor.author_id, func.count().label("n")).group_by(ArticleAuthor.author_id).subquery()
    )
    statement = select(
        Author.id, Author.name, Author.slug, Author.role, func.coalesce(counts.c.n, 0), Author.avatar.is_not(None)
    ).outerjoin(counts, counts.c.author_id == Author.id)
    rows = [(id_, name, slug, role or "", int(count), bool(avatar)) for id_, name, slug, role, count, avatar in session.execute(statement)]
    return sorted(rows, key=lambda row: (row[1].casefold(), row[0]))


def matching_author_ids(session: Session, query: str | None) -> set[int] | None:
    """The ids of the authors whose name or bio matches ``query``; None for a blank query (no filter).

    A query without any word in it matches nobody, as in ``list_authors``.
    """
    if query is None or not query.strip():
        return None
    if fts_query(query) is None:
        return set()
    return set(session.scalars(matching_ids("author", query)))


def author_articles(session: Session, author: Author, published_only: bool = False) -> list[Article]:
    """The author's articles, newest first (unpublished ones by their last edit)."""
    statement = select(Article).join(ArticleAuthor).where(ArticleAuthor.author_id == author.id)
    if published_only:
        statement = statement.where(Article.status == Status.PUBLISHED.value)
    articles = list(session.scalars(statement))
    return sorted(
        articles,
        key=lambda a: (a.published_at or a.updated_at, a.id),
        reverse=True,
    )


def merge_authors(session: Session, keep: Author, remove: Author) -> Author:
    """Move every byline of ``remove`` to ``keep`` and delete ``remove``.

    On an article both were on, ``keep`` takes the earlier of the two places
    and the byline is not duplicated. Profile fields ``keep`` left empty
    are filled from ``remove``, so merging a duplicate never loses a bio,
    an address or an avatar.
    """
    if keep.id == remove.id:
        raise ValidationError(f"cannot merge {keep.name} into itself")
    filled: dict[str, Any] = {}
    for key in ("role", "bio", "email", "website", "location"):
        if not getattr(keep, key) and getattr(remove, key):
            filled[key] = getattr(remove, key)
    if not keep.social_links and remove.social_links:
        filled["social_links"] = list(remove.social_links)
    if keep.avatar is None and remove.avatar is not None:
        keep.avatar, keep.avatar_mime = remove.avatar, remove.avatar_mime
    for key, value in filled.items():
        setattr(keep, key, value)
    _move_bylines(session, remove, keep)
    session.delete(remove)
    session.flush()
    return keep


def delete_author(session: Session, author: Author, move_to: Author | None) -> None:
    """Delete a profile; its bylines go to ``move_to``, which is required when there are any."""
    count = len(author.bylines)
    if count and move_to is None:
        raise ValidationError(
            f"{author.name} is on {count} article{'s' if count != 1 else ''}; "
            "choose an author to move them to before deleting"
        )
    if move_to is not None and move_to.id == author.id:
        raise ValidationError(f"cannot move {author.name}'s articles to {author.name}")
    if move_to is not None:
        _move_bylines(session, author, move_to)
    session.delete(author)
    session.flush()


def profile_front_matter(author: Author, avatar_file: str | None = None) -> dict[str, Any]:
    """The author as front-matter keys of the import format (``type: author``); empty fields left out.

    The keys are the design's import contract, so ``export-authors`` output
    imports back unchanged. ``social_links`` holds the links as ``{label, url}``.
    """
    keys: dict[str, Any] = {"type": "author", "name": author.name, "slug": author.slug}
    for key in PROFILE_TEXT_KEYS:
        if getattr(author, key):
            keys[key] = getattr(author, key)
    if avatar_file:
        keys["avatar"] = avatar_file
    if author.social_links:
        keys["social_links"] = [{"label": link["label"], "url": link["url"]} for link in author.social_links]
    return keys


def normalise_email(value: str) -> str:
    """The address in canonical form, or "" for none; no network lookups."""
    value = value.strip()
    if not value:
        return ""
    if len(value) > 320:
        raise ValidationError("email is longer than 320 characters")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValidationError(f"email {_shown(value)} is not a valid address: {exc}") from None


def normalise_url(value: str, field: str = "website") -> str:
    """An http or https address with a host, or "" for none.

    Anything else (``javascript:``, ``data:``, ``file:``, a bare host) is
    refused: these links are printed on every published article.
    """
    value = value.strip()
    if not value:
        return ""
    if len(value) > URL_LIMIT:
        raise ValidationError(f"{field} is longer than {URL_LIMIT} characters")
    if _CONTROL.search(value) or any(ch.isspace() for ch in value):
        raise ValidationError(f"{field} {_shown(value)} contains spaces or control characters")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError:
        raise ValidationError(f"{field} {_shown(value)} is not a valid address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(f"{field} {_shown(value)} must start with https:// or http://")
    if not host or any(ch in host for ch in "<>\"'`\\"):
        raise ValidationError(f"{field} {_shown(value)} has no host name")
    return value


def normalise_social_links(links: Iterable[Mapping[str, str]] | None) -> list[dict[str, str]]:
    """Validated ``{"label", "url"}`` pairs; an unlabelled link is labelled with its host."""
    result: list[dict[str, str]] = []
    for index, link in enumerate(links or (), start=1):
        if not isinstance(link, Mapping):
            raise ValidationError(f"social link {index} must have a label and a url")
        url = normalise_url(str(link.get("url") or ""), field=f"social link {index}")
        label = " ".join(str(link.get("label") or "").split())
        if not url:
            if label:
                raise ValidationError(f"social link {index} ({_shown(label)}) has no address")
            continue
        if len(label) > LINK_LABEL_LIMIT:
            raise ValidationError(f"social link {index} label is longer than {LINK_LABEL_LIMIT} characters")
        result.append({"label": label or (urlsplit(url).hostname or url), "url": url})
    if len(result) > SOCIAL_LINK_LIMIT:
        raise ValidationError(f"at most {SOCIAL_LINK_LIMIT} social links are kept; {len(result)} were given")
    return result


def _validated(session: Session, fields: Mapping[str, Any], author: Author | None) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown author field(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, raw in fields.items():
        if key in ("name", "role", "location"):
            values[key] = _line(key, raw)
        elif key == "bio":
            values[key] = _bio(raw)
        elif key == "email":
            values[key] = normalise_email(_text(key, raw))
        elif key == "website":
            values[key] = normalise_url(_text(key, raw))
        elif key == "social_links":
            values[key] = normalise_social_links(raw)
        elif key == "avatar":
            values[key] = None if raw is None else crop_square(bytes(raw))
    if "name" in values and not values["name"]:
        raise ValidationError("name is required")
    if "slug" in fields:
        values["slug"] = _slug(session, _text("slug", fields["slug"]), author)
    return values


def _slug(session: Session, raw: str, author: Author | None) -> str:
    if not raw.strip():
        raise ValidationError("slug is required (it is the author page's address)")
    slug = slugify(raw, max_length=LINE_LIMITS["slug"])
    owner = slug_owner(session, slug, author)
    if owner is not None:
        raise ValidationError(f"slug {slug!r} is already used by {owner}")
    return slug


def _slug_taken(session: Session, slug: str, author: Author | None) -> bool:
    statement = select(Author.id).where(slug_matches(Author.slug, slug))
    if author is not None and author.id is not None:
        statement = statement.where(Author.id != author.id)
    with session.no_autoflush:
        return session.scalars(statement).first() is not None


def _text(key: str, raw: Any) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValidationError(f"{key} must be text")
    return raw


def _line(key: str, raw: Any) -> str:
    value = " ".join(_text(key, raw).split())
    if _CONTROL.search(value):
        raise ValidationError(f"{key} contains control characters")
    limit = LINE_LIMITS[key]
    if len(value) > limit:
        raise ValidationError(f"{key} is longer than {limit} characters")
    return value


def _bio(raw: Any) -> str:
    value = _text("bio", raw).replace("\r\n", "\n").strip()
    if len(value) > BIO_LIMIT:
        raise ValidationError(f"bio is {len(value):,} characters; the limit is {BIO_LIMIT:,}")
    if _BIO_CONTROL.search(value):
        raise ValidationError("bio contains control characters")
    return value


def _apply(author: Author, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if key == "avatar":
            author.avatar = value
            author.avatar_mime = image_mime(value) if value is not None else ""
        else:
            setattr(author, key, value)


def _move_bylines(session: Session, source: Author, target: Author) -> None:
    """Put ``target`` wherever ``source`` is a byline, keeping each article's order."""
    for byline in list(source.bylines):
        article = byline.article
        existing = next((b for b in article.bylines if b.author_id == target.id), None)
        if existing is None:
            byline.author = target
        else:
            existing.position = min(existing.position, byline.position)
            article.bylines.remove(byline)
            session.delete(byline)
        session.flush()
        for position, entry in enumerate(sorted(article.bylines, key=lambda b: b.position)):
            entry.position = position
    session.flush()
    session.expire(source, ["bylines"])
    session.expire(target, ["bylines"])


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")
