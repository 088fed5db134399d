"""Author profiles as the author desk edits them: list, open, save, merge, delete, avatar.

Saving is all or nothing: the fields and the avatar go in one transaction,
so a refused field leaves the stored profile exactly as it was. A refusal
is an ``AuthorRefused`` that names the field (and the social-link row) it
is about, so the desk can show it in place without reading the message.
The checks the form runs while typing are the same ones saving runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from workstation.content.merge import Conflict
from workstation.content.slugs import slugify
from workstation.editing.versions import Changed, keep_losing, kept_note, merge_patch
from workstation.errors import ValidationError
from workstation.library import authors as core
from workstation.library.authors import BIO_LIMIT, LINE_LIMITS
from workstation.library.database import Library
from workstation.library.models import Author
from workstation.library.photos import load_original
from workstation.publish.paths import author_path

FIELDS = ("name", "slug", "email", "website", "links", "bio")


class AuthorRefused(ValidationError):
    """A profile that was not saved; ``field`` (one of ``FIELDS``) and ``row`` say where the problem is."""

    def __init__(self, message: str, field: str | None, row: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.row = row


class AuthorConflict(ValidationError):
    """A profile save not applied: someone else changed the same fields differently since the form was opened.

    ``conflicts`` hold base, mine and theirs per field; ``stored`` is the
    profile as it is now, the base the form takes on so that saving again
    (after seeing theirs) is a decision, not a blind overwrite.
    """

    def __init__(
        self, conflicts: tuple[Conflict, ...], changed: Changed | None, stored: dict[str, Any], kept_id: int | None = None
    ) -> None:
        who = changed.user if changed is not None and changed.user else "Someone else"
        names = ", ".join(conflict.field for conflict in conflicts)
        kept = f" {kept_note(names)}." if kept_id is not None else ""
        super().__init__(
            f"{who} changed {names} since you opened this profile; nothing was saved.{kept} "
            "Revert to see theirs, or save again to keep yours"
        )
        self.conflicts = conflicts
        self.changed = changed
        self.stored = stored
        # The kept version holding my side (``editing.versions.kept_versions``).
        self.kept_id = kept_id


@dataclass(frozen=True)
class AuthorRow:
    id: int
    name: str
    slug: str
    role: str
    article_count: int
    # The picture itself is read when the row is shown (``avatar``): a list of hundreds needs a screenful.
    has_avatar: bool


@dataclass(frozen=True)
class AuthorList:
    """The authors matching a search, and every author (for merge and delete choices)."""

    rows: list[AuthorRow]
    everyone: list[AuthorRow]


@dataclass(frozen=True)
class AuthorProfile:
    id: int
    fields: dict[str, Any]
    avatar: tuple[bytes, str] | None


@dataclass(frozen=True)
class SlugHint:
    """Where the author page would be, and who already has that address (None when free)."""

    slug: str
    address: str
    taken_by: str | None


def author_list(library: Library, query: str = "") -> AuthorList:
    """Every author by name with their article count, and those matching ``query`` (all for a blank one)."""
    with library.session() as session:
        everyone = [AuthorRow(*row) for row in core.author_summaries(session)]
        wanted = core.matching_author_ids(session, query)
    return AuthorList(everyone if wanted is None else [row for row in everyone if row.id in wanted], everyone)


def avatar(library: Library, author_id: int) -> bytes | None:
    """The author's stored avatar (None for none: the initials avatar is drawn instead)."""
    with library.session() as session:
        found = core.author_avatars(session, [author_id]).get(author_id)
    return None if found is None else found[0]


def open_profile(library: Library, author_id: int) -> AuthorProfile:
    with library.session() as session:
        author = core.get_author(session, author_id)
        return AuthorProfile(author_id, core.author_fields(author), core.author_avatars(session, [author_id]).get(author_id))


def save_profile(
    library: Library, author_id: int | None, fields: Mapping[str, Any], *, avatar_changed: bool = False,
    avatar: bytes | None = None, base: Mapping[str, Any] | None = None, lost_reason: str = "conflict",
) -> int:
    """Create (``author_id`` None) or update a profile, with its avatar when ``avatar_changed``; returns its id.

    ``avatar`` None with ``avatar_changed`` returns to the initials avatar.
    ``base`` is the profile's fields as the form opened them: only the
    fields edited since are written, merged with what others changed
    meanwhile (the bio by paragraphs); fields both changed differently
    raise ``AuthorConflict`` and write nothing of the profile; my side of
    them is kept as a version (``lost_reason``) in that same committed
    transaction. Returns once committed; raises ``AuthorRefused`` and
    changes nothing.
    """
    conflict = None
    try:
        with library.transaction() as session:
            if author_id is None:
                author = core.create_author(session, **fields)
            elif base is None:
                author = core.update_author(session, core.get_author(session, author_id), **fields)
            else:
                author = core.get_author(session, author_id, lock=True)
                conflict = _update_against(session, author, fields, base, lost_reason)
            if avatar_changed and conflict is None:
                core.set_avatar(session, author, avatar)
            saved_id = author.id
    except AuthorRefused:
        raise
    except ValidationError as exc:
        raise refusal(str(exc)) from exc
    if conflict is not None:
        # Raised once the kept version is committed: the profile itself is untouched.
        raise conflict
    return saved_id


def _update_against(
    session: Session, author: Author, fields: Mapping[str, Any], base: Mapping[str, Any], lost_reason: str
) -> AuthorConflict | None:
    """Write the fields edited since ``base``, merged with the stored profile.

    Where both changed a field, nothing is written but my side kept as a
    version, and the conflict is returned for the caller to raise once committed.
    """
    edited = {name: value for name, value in fields.items() if name not in base or value != base[name]}
    stored = core.author_fields(author)
    patch = merge_patch({name: stored.get(name, "") for name in edited}, edited, base,
                        author.updated_by, author.updated_at)
    if patch.conflicts:
        kept = keep_losing(session, "author", author.id, patch.conflicts, lost_reason)
        return AuthorConflict(patch.conflicts, patch.changed, stored, kept)
    if patch.values:
        core.update_author(session, author, **patch.values)
    return None


def merge_authors(library: Library, keep_id: int, remove_id: int) -> int:
    """Fold ``remove_id`` into ``keep_id`` (its bylines move over); returns the kept id once committed."""
    with library.transaction() as session:
        core.merge_authors(session, core.get_author(session, keep_id), core.get_author(session, remove_id))
    return keep_id


def delete_author(library: Library, author_id: int, move_to_id: int | None) -> None:
    """Delete a profile, moving its bylines to ``move_to_id`` (required when it has any)."""
    with library.transaction() as session:
        target = core.get_author(session, move_to_id) if move_to_id is not None else None
        core.delete_author(session, core.get_author(session, author_id), target)


def suggested_slug(library: Library, name: str) -> str:
    """The slug a new profile called ``name`` would get ("" for a blank name)."""
    if not name.strip():
        return ""
    with library.session() as session:
        return core.suggest_slug(session, name)


def slug_hint(library: Library, typed: str, author_id: int | None) -> SlugHint:
    """What a typed slug becomes, its page address, and the other author holding it if any."""
    slug = slugify(typed, max_length=LINE_LIMITS["slug"])
    with library.session() as session:
        me = core.get_author(session, author_id) if author_id is not None else None
        owner = core.slug_owner(session, slug, me)
    return SlugHint(slug, author_path(slug).removesuffix("index.html"), owner)


def field_problem(field: str, value: str) -> str | None:
    """What saving would say about one typed field, or None when it is fine.

    ``field`` is "email", "website", "bio", or "address" (a social link's).
    """
    try:
        if field == "email":
            core.normalise_email(value)
        elif field in ("website", "address"):
            core.normalise_url(value, field=field)
        elif field == "bio" and len(value) > BIO_LIMIT:
            return f"bio is {len(value):,} characters; the limit is {BIO_LIMIT:,}"
    except ValidationError as exc:
        return str(exc)
    return None


def profile_unsaved(stored: Mapping[str, Any] | None, shown: Mapping[str, Any], avatar_changed: bool) -> bool:
    """Whether the form holds something the file does not: a changed field or avatar.

    ``stored`` is the profile's fields as they were opened, None for a new
    author, where anything typed counts.
    """
    if avatar_changed:
        return True
    if stored is None:
        return any(value for value in shown.values())
    return any(value != stored.get(key, "") for key, value in shown.items())


def refusal(message: str) -> AuthorRefused:
    """The core's refusal, with the field it is about ("slug 'x' is already used..." is about the slug)."""
    if message.startswith("social link"):
        number = message.split(" ")[2]
        return AuthorRefused(message, "links", int(number) if number.isdigit() else None)
    if "social links" in message:
        return AuthorRefused(message, "links")
    key = message.split(" ", 1)[0]
    return AuthorRefused(message, key if key in FIELDS else None)


def photo_for_avatar(library: Library, photo_id: int) -> bytes:
    """A library photo's original bytes, to crop into an avatar."""
    with library.session() as session:
        return load_original(session, photo_id)
