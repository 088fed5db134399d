"""Taking articles offline: a newsroom's articles, with their photos and authors, copied into a library file.

A reporter leaving the newsroom's network (a train, a front line) takes the
stories they work on into a file on their laptop and works there as in any
library; ``bring_back`` merges the work into the newsroom later. For that
the file remembers, for every record it received, the newsroom's id for it,
its version and its fields as they were (``library.take_out_record``).

A take-out is one unit of work: into a new file, the file appears only
when it is whole; into an existing one, either every article asked for is
copied or, on any refusal, nothing is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.content.references import photo_refs
from workstation.errors import LibraryError, ValidationError
from workstation.library.article_state import ArticleState, article_state
from workstation.library.articles import find_article, list_articles, set_bylines
from workstation.library.copies import (
    AUTHOR_FIELDS,
    PHOTO_FIELDS,
    IdMaps,
    article_columns,
    copy_author,
    copy_corrections,
    copy_photo,
    copy_section,
    copy_tags,
    plain,
    plain_fields,
)
from workstation.library.database import Library, building_library, create_library, open_locked
from workstation.library.models import Article, Author, Photo
from workstation.library.settings import load_desk_settings, load_settings, save_desk_settings, save_settings
from workstation.library.take_out_record import (
    Taken,
    ensure_newsroom_id,
    remember,
    remember_newsroom,
    taken_from,
    taken_records,
)


@dataclass(frozen=True)
class TakeOutReport:
    """What a take-out copied: the articles (by slug), and how many photos and authors came with them."""

    target: Path
    newsroom: str
    articles: tuple[str, ...]
    photos: int
    authors: int

    def summary(self) -> str:
        count = len(self.articles)
        return (
            f"{self.target}: took {count} article{'s' if count != 1 else ''} offline from {self.newsroom} "
            f"({self.photos} photo{'s' if self.photos != 1 else ''}, {self.authors} author{'s' if self.authors != 1 else ''})"
        )


def state_record(state: ArticleState) -> dict[str, object]:
    """An article's fields as the take-out record keeps them (JSON)."""
    return {name: plain(value) for name, value in vars(state).items()}


def state_from_record(record: dict[str, object]) -> ArticleState:
    values = dict(record)
    published = values.get("published_at")
    values["published_at"] = datetime.fromisoformat(str(published)) if published else None
    values["author_ids"] = tuple(values.get("author_ids") or ())  # type: ignore[arg-type]
    values["tags"] = tuple(values.get("tags") or ())  # type: ignore[arg-type]
    known = ArticleState.__dataclass_fields__
    return ArticleState(**{name: value for name, value in values.items() if name in known})  # type: ignore[arg-type]


def newsroom_address(library: Library) -> str:
    """How a newsroom is named in messages and in the record; refuses a library file."""
    url = getattr(library, "url", None)
    if library.path is not None or url is None:
        raise LibraryError(f"{library.path}: a library file, not a newsroom; take-out copies from a postgresql:// newsroom")
    return str(url)


def take_out(newsroom: Library, target: Library, slugs: Sequence[str]) -> TakeOutReport:
    """Copy the articles named by ``slugs`` from ``newsroom`` into ``target``, all or none."""
    address = newsroom_address(newsroom)
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs if slug.strip()))
    if not wanted:
        raise ValidationError("name at least one article to take offline (--article SLUG)")
    with newsroom.transaction() as session:
        newsroom_id = ensure_newsroom_id(session)
    with newsroom.session() as source, target.transaction() as local:
        _check_origin(local, newsroom_id, target)
        empty = local.scalars(select(Article.id).limit(1)).first() is None
        copier = _Copier(source, local)
        for slug in wanted:
            copier.article(slug)
        if empty:
            _copy_settings(source, local, copier.maps)
        remember_newsroom(local, newsroom_id, address)
    return TakeOutReport(Path(str(target.path)), address, tuple(copier.slugs), copier.photos, copier.authors)


def _check_origin(local: Session, newsroom_id: str, target: Library) -> None:
    origin = taken_from(local)
    if origin is not None and origin.newsroom_id != newsroom_id:
        raise ValidationError(
            f"{target.path}: holds articles taken out of another newsroom ({origin.url}); bring those back first"
        )


class _Copier:
    """One take-out's copying, remembering what it made so that each record is copied and recorded once."""

    def __init__(self, source: Session, local: Session) -> None:
        self.source = source
        self.local = local
        self.maps = IdMaps()
        self.slugs: list[str] = []
        self.photos = 0
        self.authors = 0
        self.taken_articles = {taken.remote_id for taken in taken_records(local, "article").values()}

    def article(self, slug: str) -> None:
        remote = find_article(self.source, slug)
        if remote is None:
            raise ValidationError(f"no article with the slug {slug!r} in the newsroom")
        if remote.id in self.taken_articles:
            raise ValidationError(f"{remote.slug}: already taken out into this library; bring it back first")
        if find_article(self.local, remote.slug) is not None:
            raise ValidationError(
                f"{remote.slug}: this library already has an article with that slug; rename or remove it first"
            )
        state = article_state(remote)
        if state.section_id is not None and remote.section is not None:
            self.maps.sections[remote.section.id] = copy_section(self.local, remote.section).id
        for byline in remote.bylines:
            self._author(byline.author)
        for photo_id in {state.feature_photo_id, *photo_refs(state.body)} - {None}:
            photo = self.source.get(Photo, photo_id)
            if photo is not None:
                self._photo(photo)
        mapped = self.maps.state(state)
        article = Article(**article_columns(remote), body=mapped.body)
        article.section_id = mapped.section_id
        article.feature_photo_id = mapped.feature_photo_id
        article.tags = copy_tags(self.local, mapped.tags)
        self.local.add(article)
        self.local.flush()
        set_bylines(self.local, article, [self.local.get_one(Author, author_id) for author_id in mapped.author_ids])
        copy_corrections(self.local, article, list(remote.corrections))
        remember(self.local, Taken("article", article.id, remote.id, remote.version, state_record(state)))
        self.taken_articles.add(remote.id)
        self.slugs.append(remote.slug)

    def _author(self, author: Author) -> None:
        made, fresh = copy_author(self.local, author)
        self.maps.authors[author.id] = made.id
        if fresh:
            self.authors += 1
            remember(self.local, Taken("author", made.id, author.id, author.version, plain_fields(author, AUTHOR_FIELDS)))

    def _photo(self, photo: Photo) -> None:
        if photo.id in self.maps.photos:
            return
        made, fresh = copy_photo(self.source, self.local, photo)
        self.maps.photos[photo.id] = made.id
        if fresh:
            self.photos += 1
            remember(self.local, Taken("photo", made.id, photo.id, photo.version, plain_fields(photo, PHOTO_FIELDS)))


def _copy_settings(source: Session, local: Session, maps: IdMaps) -> None:
    """A take-out into an empty library carries the newsroom's site and desk settings, so pages look as they will there.

    A reporter's own library, already holding work, keeps its own.
    """
    site = load_settings(source)
    site.logo_photo_id = maps.photos.get(site.logo_photo_id, 0)
    save_settings(local, site)
    save_desk_settings(local, load_desk_settings(source))


@contextmanager
def _library_file(path: Path) -> Iterator[Library]:
    """The take-out's target: an existing library under its write lock, or a new one that appears only when whole."""
    if path.exists():
        with open_locked(path) as library:
            yield library
        return
    with building_library(path) as temp, create_library(temp) as library:
        yield library


def take_out_to_file(newsroom: Library, path: Path, slugs: Sequence[str]) -> TakeOutReport:
    """``take_out`` into the library file at ``path``, made if it does not exist yet."""
    with _library_file(Path(path)) as target:
        report = take_out(newsroom, target, slugs)
    return TakeOutReport(Path(path), report.newsroom, report.articles, report.photos, report.authors)



class Offered(NamedTuple):
    """An article as "Take offline…" lists it."""

    slug: str
    headline: str
    status: str


def articles_to_take(library: Library, query: str = "", limit: int = 500) -> list[Offered]:
    """The newsroom's articles that can be taken offline, most recently changed first (``query`` filters)."""
    with library.session() as session:
        return [Offered(a.slug, a.headline, a.status) for a in list_articles(session, query=query or None, limit=limit)]
