"""Bringing offline work back: a take-out file's articles merged into the newsroom they came from.

Each article taken out is saved into the newsroom the way a desk saves: it
names the version it left at and its fields as they were then, and
``editing.articles.save_article`` merges it with what the newsroom did
meanwhile (``content.merge``; the body by paragraphs). What only the
reporter changed comes in, what only the newsroom changed stays; where both
changed the same place differently, both sides are kept as "conflict"
revisions (each under its writer's name) and the newsroom's text stays on
the page, with the reporter's other changes saved around it. Nothing is
dropped. Photos and authors taken out are merged field by field the same
way (a field changed on both sides keeps the newsroom's value, the
reporter's is kept as an "offline" version of the photo or author, and the
report says so).

New articles and photos made offline (since the first take-out into the
file) come along too: photos are matched by SHA-256 (one picture is one
record), and a new article whose slug the newsroom already uses comes in
under the next free one, which the report says. An article's own fields
are written in one transaction, after the photos, authors and section it
needs are in the newsroom, so no article is ever half brought back.

The file keeps its own text. Afterwards its record says the article now
starts from what the file holds, at the newsroom's new version, so running
the bring-back again changes nothing, and a later one brings only what was
typed since. A bring-back cut short (a lost connection) is simply run
again: what already reached the newsroom merges with itself unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.content.references import photo_refs
from workstation.content.slugs import unique_slug
from workstation.editing.articles import Saved, save_article, write_state
from workstation.editing.authors import AuthorConflict, save_profile
from workstation.editing.photos import save_photo_fields
from workstation.editing.take_out import newsroom_address, state_from_record, state_record
from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.articles import find_article
from workstation.library.copies import (
    AUTHOR_FIELDS,
    PHOTO_FIELDS,
    IdMaps,
    copy_author,
    copy_photo,
    copy_section,
    plain_fields,
)
from workstation.library.database import Library, open_library, open_locked
from workstation.library.models import Article, Author, Photo
from workstation.library.photo_queries import validate_changes
from workstation.library.take_out_record import Taken, TakenFrom, forget, newsroom_id, remember, taken_from, taken_records

# Rounds of saving one article while desks keep saving it, before the bring-back gives up on it.
SAVE_ROUNDS = 5
UNCHANGED, BROUGHT, MERGED, CONFLICTED, NEW, DELETED, REFUSED = (
    "unchanged", "brought back", "merged", "conflicted", "new", "deleted offline", "not brought back",
)


@dataclass(frozen=True)
class Outcome:
    """What became of one article (or photo, or author): its slug or name, the outcome, and a line of detail."""

    name: str
    outcome: str
    detail: str = ""

    def line(self) -> str:
        return f"{self.name}: {self.outcome}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class BringBackReport:
    """Every article's outcome, the photos and authors that came along, and field conflicts on them."""

    source: Path
    newsroom: str
    articles: tuple[Outcome, ...]
    photos_added: int = 0
    authors_added: int = 0
    record_notes: tuple[Outcome, ...] = field(default_factory=tuple)

    @property
    def conflicted(self) -> tuple[Outcome, ...]:
        return tuple(o for o in (*self.articles, *self.record_notes) if o.outcome == CONFLICTED)

    def lines(self) -> list[str]:
        return [o.line() for o in (*self.articles, *self.record_notes)]

    def summary(self) -> str:
        counts = {name: sum(1 for o in self.articles if o.outcome == name)
                  for name in (BROUGHT, MERGED, NEW, CONFLICTED, UNCHANGED, DELETED)}
        told = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
        extra = [f"{self.photos_added} new photo{'s' if self.photos_added != 1 else ''}"] if self.photos_added else []
        extra += [f"{self.authors_added} new author{'s' if self.authors_added != 1 else ''}"] if self.authors_added else []
        return f"{self.source} → {self.newsroom}: " + "; ".join([told or "nothing to bring back", *extra])


def check_origin(local: Library, newsroom: Library) -> TakenFrom:
    """The newsroom ``local`` was taken out of, which must be ``newsroom``; refused in one line otherwise."""
    address = newsroom_address(newsroom)
    with local.session() as session:
        origin = taken_from(session)
    if origin is None:
        raise ValidationError(f"{local.path}: nothing in it was taken out of a newsroom; there is nothing to bring back")
    with newsroom.session() as session:
        found = newsroom_id(session)
    if found != origin.newsroom_id:
        raise ValidationError(
            f"{local.path}: was taken out of {origin.url}, not {address}; bring it back there (nothing was changed)"
        )
    return origin


def bring_back(local: Library, newsroom: Library) -> BringBackReport:
    """Merge the take-out file ``local`` back into ``newsroom``; see the module's description."""
    origin = check_origin(local, newsroom)
    run = _BringBack(local, newsroom, origin)
    notes = [*run.photos(), *run.authors()]
    articles = run.articles()
    return BringBackReport(
        Path(str(local.path)), newsroom_address(newsroom), tuple(articles), run.photos_added, run.authors_added,
        tuple(notes),
    )


def bring_back_file(path: Path, newsroom: Library) -> BringBackReport:
    """``bring_back`` of the take-out file at ``path``, opened under its write lock."""
    with open_locked(Path(path)) as local:
        return bring_back(local, newsroom)


def bring_back_to(local: Library, url: str) -> BringBackReport:
    """``bring_back`` of the open take-out file ``local`` into the newsroom at ``url``."""
    with open_library(url, user=local.user) as newsroom:
        return bring_back(local, newsroom)


def origin_address(library: Library) -> str | None:
    """The address of the newsroom ``library`` was taken out of (as shown, no password); None if it never was."""
    with library.session() as session:
        origin = taken_from(session)
    return origin.url if origin is not None else None


def _unchanged(mine: ArticleState, base: ArticleState) -> bool:
    """Nothing was done offline: the fields a save writes are as they left (the publication date is the newsroom's)."""
    return replace(mine, published_at=None) == replace(base, published_at=None)


class _BringBack:
    """One bring-back: the file's records read once, then photos, authors and articles each in their own transactions."""

    def __init__(self, local: Library, newsroom: Library, origin: TakenFrom) -> None:
        self.local = local
        self.newsroom = newsroom
        self.origin = origin
        self.photos_added = 0
        self.authors_added = 0
        with local.session() as session:
            self.taken = {kind: taken_records(session, kind) for kind in ("article", "photo", "author")}

    # -- photos and authors: new ones copied, taken ones merged field by field -----------------------

    def photos(self) -> list[Outcome]:
        """Taken photos merged, and photos imported offline since the take-out copied (each on its own)."""
        notes: list[Outcome] = []
        with self.local.session() as session:
            new_ids = list(session.scalars(
                select(Photo.id).where(Photo.imported_at > self.origin.taken_at).order_by(Photo.id)
            ))
        for photo_id in (*self.taken["photo"], *(i for i in new_ids if i not in self.taken["photo"])):
            note = self._photo(photo_id)
            if note is not None:
                notes.append(note)
        return notes

    def _photo(self, photo_id: int) -> Outcome | None:
        taken = self.taken["photo"].get(photo_id)
        with self.local.session() as source:
            photo = source.get(Photo, photo_id)
            if photo is None:
                return None
            name = photo.original_filename or f"photo {photo_id}"
            mine = plain_fields(photo, PHOTO_FIELDS)
            with self.newsroom.transaction() as server:
                made, fresh = copy_photo(source, server, photo)
                self.photos_added += fresh
                remote_id = made.id
        note = None
        edited = {} if taken is None or fresh else _edited(mine, taken.base)
        if edited:
            try:
                saved = save_photo_fields(
                    self.newsroom, remote_id, edited, base=validate_changes(_base(taken, edited)), lost_reason="offline"
                )
            except ValidationError as exc:
                note = Outcome(name, REFUSED, str(exc))
            else:
                if saved.conflicts:
                    note = _conflict_note(name, [conflict.field for conflict in saved.conflicts])
        self._record_merged("photo", Photo, photo_id, remote_id, mine)
        return note

    def authors(self) -> list[Outcome]:
        """Taken authors' profiles merged field by field (``editing.authors.save_profile`` against the base)."""
        notes: list[Outcome] = []
        for author_id, taken in list(self.taken["author"].items()):
            with self.local.session() as source:
                author = source.get(Author, author_id)
                if author is None:
                    continue
                mine = plain_fields(author, AUTHOR_FIELDS)
                with self.newsroom.transaction() as server:
                    remote = server.get(Author, taken.remote_id)
                    if remote is None:
                        remote, fresh = copy_author(server, author)
                        self.authors_added += fresh
                    remote_id = remote.id
            note = self._profile(author.name, remote_id, _edited(mine, taken.base), taken)
            if note is not None:
                notes.append(note)
            self._record_merged("author", Author, author_id, remote_id, mine)
        return notes

    def _record_merged(
        self, kind: str, model: type[Photo] | type[Author], local_id: int, remote_id: int, fields: dict[str, Any]
    ) -> None:
        """The file's record of a photo or author brought back: the newsroom's version now, and the fields as sent."""
        with self.newsroom.session() as server:
            record = Taken(kind, local_id, remote_id, server.get_one(model, remote_id).version, fields)
        self._remember(record)
        self.taken[kind][local_id] = record

    def _remember(self, record: Taken) -> None:
        with self.local.transaction() as session:
            remember(session, record)

    def _profile(self, name: str, author_id: int, edited: dict[str, Any], taken: Taken) -> Outcome | None:
        """The profile's offline edits saved against its base; fields both sides changed keep the newsroom's."""
        if not edited:
            return None
        try:
            save_profile(self.newsroom, author_id, edited, base=_base(taken, edited), lost_reason="offline")
        except AuthorConflict as conflict:
            clashing = [c.field for c in conflict.conflicts]
            rest = {field: value for field, value in edited.items() if field not in clashing}
            if rest:
                save_profile(self.newsroom, author_id, rest, base=_base(taken, rest))
            return _conflict_note(name, clashing)
        except ValidationError as exc:
            return Outcome(name, REFUSED, str(exc))
        return None

    # -- articles ---------------------------------------------------------------------------

    def articles(self) -> list[Outcome]:
        outcomes = [self._taken_article(taken) for taken in self.taken["article"].values()]
        with self.local.session() as session:
            fresh = list(session.scalars(
                select(Article.id)
                .where(Article.created_at > self.origin.taken_at, Article.id.not_in(list(self.taken["article"])))
                .order_by(Article.id)
            ))
        outcomes += [self._new_article(article_id) for article_id in fresh]
        return outcomes

    def _offline(self, source: Session, article: Article, server: Session) -> ArticleState:
        """The file's article in the newsroom's terms: its section, authors and photos found (or made) there."""
        maps = IdMaps()
        state = article_state(article)
        if article.section is not None:
            maps.sections[article.section.id] = copy_section(server, article.section).id
        for byline in article.bylines:
            taken = self.taken["author"].get(byline.author_id)
            remote = server.get(Author, taken.remote_id) if taken is not None else None
            if remote is None:
                remote, fresh = copy_author(server, byline.author)
                self.authors_added += fresh
            maps.authors[byline.author_id] = remote.id
        for photo_id in {state.feature_photo_id, *photo_refs(state.body)} - {None}:
            photo = source.get(Photo, photo_id)
            if photo is not None:
                made, fresh = copy_photo(source, server, photo)
                self.photos_added += fresh
                maps.photos[photo_id] = made.id
        return maps.state(state)

    def _taken_article(self, taken: Taken) -> Outcome:
        base = state_from_record(taken.base)
        with self.local.session() as source:
            article = source.get(Article, taken.local_id)
            if article is None:
                with self.local.transaction() as session:
                    forget(session, "article", taken.local_id)
                return Outcome(base.slug, DELETED, "the newsroom's copy is left as it is")
            with self.newsroom.transaction() as server:
                mine = self._offline(source, article, server)
                gone = server.get(Article, taken.remote_id) is None
                if gone:
                    outcome, remote = self._add(server, mine, "the newsroom had deleted it; brought back as new")
                    server.flush()
                    record = Taken("article", taken.local_id, remote.id, remote.version, state_record(mine))
        if not gone:
            if _unchanged(mine, base):
                return Outcome(base.slug, UNCHANGED)
            outcome, version = self._save(taken.remote_id, base, taken.version, mine)
            record = Taken("article", taken.local_id, taken.remote_id, version, state_record(mine))
        self._remember(record)
        return outcome

    def _save(self, article_id: int, base: ArticleState, version: int, mine: ArticleState) -> tuple[Outcome, int]:
        """The offline state saved against the version it left at: merged by ``save_article``; a conflict keeps the newsroom's side.

        ``save_article`` keeps both sides of a conflict as revisions and
        writes nothing; the offline changes that did not conflict are then
        saved over the newsroom's text, with the newsroom's side chosen at
        each conflict. A desk saving in between only means another round.
        """
        conflicts: list[str] = []
        for _round in range(SAVE_ROUNDS):
            saved = save_article(
                self.newsroom, article_id, mine, base=base, base_version=version,
                body_cleared_by_user=True, follow_headline=False,
            )
            if isinstance(saved, Saved):
                break
            conflicts += [conflict.field for conflict in saved.conflicts]
            base, version = saved.theirs, saved.version
            mine = saved.resolution(["theirs"] * len(saved.conflicts))
        else:
            raise ValidationError(f"{mine.slug}: the newsroom kept changing it; bring it back again in a moment")
        name = saved.state.slug
        problems = "; ".join(saved.problems)
        if conflicts:
            fields = ", ".join(dict.fromkeys(conflicts))
            detail = f"{fields} changed on both sides; the newsroom's text stays, both are in History"
            return Outcome(name, CONFLICTED, "; ".join(filter(None, (detail, problems)))), saved.version
        if saved.merged is not None:
            return Outcome(name, MERGED, "; ".join(filter(None, ("offline and newsroom changes both kept", problems)))), saved.version
        return Outcome(name, BROUGHT, problems), saved.version

    def _new_article(self, article_id: int) -> Outcome:
        with self.local.session() as source:
            article = source.get(Article, article_id)
            if article is None:
                return Outcome(f"article {article_id}", DELETED)
            with self.newsroom.transaction() as server:
                mine = self._offline(source, article, server)
                outcome, remote = self._add(server, mine, "")
                server.flush()
                record = Taken("article", article_id, remote.id, remote.version, state_record(mine))
        self._remember(record)
        return outcome

    def _add(self, server: Session, mine: ArticleState, detail: str) -> tuple[Outcome, Article]:
        slug = unique_slug(mine.slug, lambda s: find_article(server, s) is not None, max_length=200)
        remote = Article(slug=slug)
        server.add(remote)
        server.flush()
        problems, _slug_problem, _kept = write_state(server, remote, replace(mine, slug=slug), True, False)
        if slug != mine.slug:
            detail = "; ".join(filter(None, (detail, f"the newsroom already has {mine.slug!r}; it came in as {slug!r}")))
        return Outcome(slug, NEW, "; ".join(filter(None, (detail, *problems)))), remote


def _edited(mine: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The fields changed offline: those whose value is not the one taken out."""
    return {name: value for name, value in mine.items() if value != base.get(name)}


def _base(taken: Taken, fields: dict[str, Any]) -> dict[str, Any]:
    return {name: taken.base.get(name) for name in fields}


def _conflict_note(name: str, fields: list[str]) -> Outcome:
    return Outcome(name, CONFLICTED, f"{', '.join(dict.fromkeys(fields))} changed on both sides; the newsroom's kept")
