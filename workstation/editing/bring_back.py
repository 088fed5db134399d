"""Bringing offline work back: a take-out file's articles merged into the newsroom they came from.

Each article taken out is merged field by field against the version it had
when it left (``content.merge``; the body by paragraphs): what only the
reporter changed comes in, what only the newsroom changed stays, and where
both changed the same place differently the newsroom's text stays on the
page and both sides are kept as "conflict" revisions, each under the name of
who wrote it, for an editor to choose from in the desk. Nothing is dropped.

New articles and photos made offline come along too: photos are matched
by SHA-256 (one picture is one record), and a new article whose slug the
newsroom already uses comes in under the next free one, which the report
says. Each article is one transaction on the server (with the photos,
authors and section it needs), so an article is brought back whole or not
at all.

The file keeps its own text. Afterwards its record says the article now
starts from what the file holds at the newsroom's new version, so running
the bring-back again changes nothing, and a later one brings only what was
typed since. A bring-back cut short (a lost connection) is simply run
again: what reached the newsroom merges with itself without change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.content.merge import merge_fields
from workstation.content.references import photo_refs
from workstation.content.slugs import unique_slug
from workstation.editing.articles import _write
from workstation.editing.take_out import locked_library, newsroom_address, state_from_record, state_record
from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.articles import find_article
from workstation.library.authors import update_author
from workstation.library.copies import (
    AUTHOR_FIELDS,
    PHOTO_FIELDS,
    IdMaps,
    copy_author,
    copy_photo,
    copy_section,
    plain_fields,
)
from workstation.library.database import Library, open_library
from workstation.library.models import Article, Author, Photo, Revision
from workstation.library.photo_queries import edit_photo
from workstation.library.revisions import keep_side, snapshot
from workstation.library.take_out_record import Taken, TakenFrom, forget, newsroom_id, remember, taken_from, taken_records

# The article fields a bring-back merges. The publication date is the newsroom's decision, never an offline one.
MERGED_FIELDS = (
    "slug", "headline", "dek", "body", "section_id", "author_ids", "tags", "status", "feature_photo_id",
    "feature_caption", "feature_alt", "seo_title", "seo_description", "word_target",
)
UNCHANGED, BROUGHT, MERGED, CONFLICTED, NEW, DELETED = (
    "unchanged", "brought back", "merged", "conflicted", "new", "deleted offline",
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
    with locked_library(Path(path)) as local:
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


def _merged_values(state: ArticleState) -> dict[str, Any]:
    return {name: getattr(state, name) for name in MERGED_FIELDS}


class _BringBack:
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
                note = None
                if taken is not None and not fresh:
                    note, values = _merge_record(name, taken.base, mine, plain_fields(made, PHOTO_FIELDS))
                    changes = {k: v for k, v in values.items() if v != plain_fields(made, (k,))[k]}
                    if changes:
                        edit_photo(server, made.id, changes)
                server.flush()
                record = Taken("photo", photo_id, made.id, made.version, mine)
        with self.local.transaction() as session:
            remember(session, record)
        self.taken["photo"][photo_id] = record
        return note

    def authors(self) -> list[Outcome]:
        notes: list[Outcome] = []
        for author_id, taken in list(self.taken["author"].items()):
            with self.local.session() as source:
                author = source.get(Author, author_id)
                if author is None:
                    continue
                mine = plain_fields(author, AUTHOR_FIELDS)
                with self.newsroom.transaction() as server:
                    remote = server.get(Author, taken.remote_id, with_for_update=True)
                    if remote is None:
                        remote, fresh = copy_author(server, author)
                        self.authors_added += fresh
                    note, values = _merge_record(author.name, taken.base, mine, plain_fields(remote, AUTHOR_FIELDS))
                    changes = {k: v for k, v in values.items() if v != getattr(remote, k)}
                    if changes:
                        update_author(server, remote, **changes)
                    server.flush()
                    record = Taken("author", author_id, remote.id, remote.version, mine)
            with self.local.transaction() as session:
                remember(session, record)
            self.taken["author"][author_id] = record
            if note is not None:
                notes.append(note)
        return notes

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
            offline_user = _last_writer(source, article.id) or self.local.user
            with self.newsroom.transaction() as server:
                mine = self._offline(source, article, server)
                remote = server.get(Article, taken.remote_id, with_for_update=True)
                if remote is None:
                    outcome, remote = self._add(server, mine, "the newsroom had deleted it; brought back as new")
                else:
                    outcome = self._merge(server, remote, base, mine, offline_user)
                server.flush()
                record = Taken("article", taken.local_id, remote.id, remote.version, state_record(mine))
        with self.local.transaction() as session:
            remember(session, record)
        return outcome

    def _merge(self, server: Session, remote: Article, base: ArticleState, mine: ArticleState, offline_user: str) -> Outcome:
        theirs = article_state(remote)
        merge = merge_fields(_merged_values(base), _merged_values(mine), _merged_values(theirs))
        values = merge.resolved(["theirs"] * len(merge.conflicts))
        name = remote.slug
        if merge.conflicts:
            fields = ", ".join(dict.fromkeys(c.field for c in merge.conflicts))
            if not _already_kept(server, remote.id, mine):
                newsroom_side = snapshot(server, remote, "conflict", note="the newsroom's side of a bring-back conflict")
                newsroom_side.by_user = _last_writer(server, remote.id, before=newsroom_side.id) or newsroom_side.by_user
                offline_side = keep_side(
                    server, remote, "conflict", {"headline": mine.headline, "dek": mine.dek, "body": mine.body},
                    note="the offline side of a bring-back conflict",
                )
                offline_side.by_user = offline_user
            outcome = Outcome(name, CONFLICTED, f"{fields} changed on both sides; the newsroom's text stays, both are in History")
        elif values == _merged_values(theirs):
            return Outcome(name, UNCHANGED)
        elif merge.from_theirs:
            snapshot(server, remote, "merge", note="the newsroom's text before a bring-back merged offline work in")
            outcome = Outcome(name, MERGED, "offline and newsroom changes both kept")
        else:
            outcome = Outcome(name, BROUGHT)
        if values != _merged_values(theirs):
            problems, _slug_problem, _kept = _write(server, remote, replace(theirs, **values), True, False)
            if problems:
                outcome = replace(outcome, detail="; ".join(filter(None, (outcome.detail, *problems))))
        return outcome

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
        with self.local.transaction() as session:
            remember(session, record)
        return outcome

    def _add(self, server: Session, mine: ArticleState, detail: str) -> tuple[Outcome, Article]:
        slug = unique_slug(mine.slug, lambda s: find_article(server, s) is not None, max_length=200)
        remote = Article(slug=slug)
        server.add(remote)
        server.flush()
        problems, _slug_problem, _kept = _write(server, remote, replace(mine, slug=slug), True, False)
        if slug != mine.slug:
            detail = "; ".join(filter(None, (detail, f"the newsroom already has {mine.slug!r}; it came in as {slug!r}")))
        return Outcome(slug, NEW, "; ".join(filter(None, (detail, *problems)))), remote


def _merge_record(name: str, base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[Outcome | None, dict[str, Any]]:
    """A photo's or author's fields merged; conflicting fields keep the newsroom's value, and the report says so."""
    merge = merge_fields(base, mine, theirs)
    values = merge.resolved(["theirs"] * len(merge.conflicts))
    if not merge.conflicts:
        return None, values
    fields = ", ".join(dict.fromkeys(c.field for c in merge.conflicts))
    return Outcome(name, CONFLICTED, f"{fields} changed both offline and in the newsroom; the newsroom's kept"), values


def _last_writer(session: Session, article_id: int, before: int | None = None) -> str:
    """Who saved the article's newest revision (before revision ``before``): the name its text is kept under."""
    query = select(Revision.by_user).where(Revision.article_id == article_id, Revision.by_user != "")
    if before is not None:
        query = query.where(Revision.id < before)
    return session.scalars(query.order_by(Revision.id.desc()).limit(1)).first() or ""


def _already_kept(server: Session, article_id: int, mine: ArticleState) -> bool:
    """Whether this offline text is already kept as a conflict (a bring-back run again after a cut)."""
    return server.scalars(
        select(Revision.id).where(
            Revision.article_id == article_id, Revision.reason == "conflict",
            Revision.headline == mine.headline, Revision.dek == mine.dek, Revision.body == mine.body,
        ).limit(1)
    ).first() is not None
