"""Importing Markdown articles, author profiles and images into a library.

The contract (README "Import format"): folders are walked recursively, and
authors are imported first, then photos, then articles, so that bylines and
figures find what they name. Each file is its own transaction: a refused
file leaves the library exactly as it was and the rest still land. Images
named in an article (``image:`` or ``![alt](path)`` in the body) are resolved
relative to the Markdown file, must lie inside the folder being imported
(or be named on the command line themselves), are imported once, and the
stored body refers to the library's photo (``photo:<id>``), never to a path
on this disk.

Photos are decoded a few files ahead on every core
(``photos.ingest.ingest_files``) while the ones already decoded are
stored: the library is only ever written by the process that calls
``import_paths``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from workstation.content.references import photo_ref
from workstation.content.slugs import slug_key, slugify
from workstation.errors import ImageRefused, ImportRefused, StorageFailed, WorkstationError
from workstation.library.articles import SLUG_LIMIT, find_article, find_or_create_section, set_bylines, set_tags
from workstation.library.authors import LINE_LIMITS, create_author, find_author, update_author
from workstation.library.database import Library
from workstation.library.frontmatter import ArticleSource, AuthorSource, read_source
from workstation.library.import_report import ImportReport, Refusal
from workstation.library.import_sources import EVERY_KIND, ImportFiles, expand_paths
from workstation.library.models import Article, Author, Photo, Status, utcnow
from workstation.library.photo_queries import validate_changes
from workstation.library.ingest_templates import TemplateRun, add_ingested, start_run
from workstation.library.revisions import snapshot
from workstation.library.storage_errors import NO_SPACE, storage_problem
from workstation.photos.ingest import DEFAULT_MAX_PIXELS, IngestedImage, ingest_file, ingest_files
from workstation.regular_files import printable, printable_name, printable_path, read_regular_file, real_path

__all__ = ["ImportReport", "Refusal", "import_paths"]

MAX_AVATAR_BYTES = 20 * 1024 * 1024
# ![alt](target "title"): the target is either <anything but >> or has no spaces.
_IMAGE = re.compile(r"(!\[((?:[^\]\\]|\\.)*)\]\(\s*)(<[^>\n]*>|[^\s)]+)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")

Progress = Callable[[int, int, str], None]
_Source = TypeVar("_Source", ArticleSource, AuthorSource)


class _StorageFull(Exception):
    """The library cannot take another byte: the rest of the batch is not tried."""


@dataclass
class _Pending:
    """What one file's transaction added; it counts only once committed."""

    photo_ids: dict[Path, int] = field(default_factory=dict)
    created: list[int] = field(default_factory=list)
    # An image file of the batch: the photo it became, and whether that photo was already there.
    landed_photo: int | None = None
    duplicate: bool = False


class _Importer:
    def __init__(
        self, library: Library, report: ImportReport, files: ImportFiles, max_pixels: int,
        template: TemplateRun | None = None,
    ) -> None:
        self.library = library
        # The ingest template filled into each new photo, if one was chosen.
        self.template = template
        self.report = report
        self.files = files
        self.max_pixels = max_pixels
        # Photos already committed, by resolved path: an image named by ten articles is read once.
        self.photo_ids: dict[Path, int] = {}

    def run(self, path: Path, work: Callable[[Session, _Pending], None]) -> None:
        """One file, one transaction; a refusal rolls back everything it did.

        Raises ``_StorageFull`` when the library has no room left: every
        later file would be refused for the same reason.
        """
        pending = _Pending()
        try:
            with self.library.transaction() as session:
                work(session, pending)
        except StorageFailed as exc:
            self.report.refuse(path, exc.problem)
            if exc.problem == NO_SPACE:
                raise _StorageFull from None
            return
        except WorkstationError as exc:
            self.report.refuse(path, _reason(exc, path))
            return
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            problem = storage_problem(exc, self.library.path.parent if self.library.path else None)
            self.report.refuse(path, problem or f"could not be stored ({_one_line(exc)})")
            if problem == NO_SPACE:
                raise _StorageFull from None
            return
        self.photo_ids.update(pending.photo_ids)
        self.report.photos.extend(pending.created)
        if pending.landed_photo is not None:
            self.report.photo_ids.append(pending.landed_photo)
            if pending.duplicate:
                self.report.duplicates.append((path, pending.landed_photo))
        self.report.landed += 1

    def store_image(self, session: Session, path: Path, image: IngestedImage | ImageRefused, pending: _Pending) -> None:
        """A decoded image file of the batch, as a photo of its own."""
        if isinstance(image, ImageRefused):
            raise image
        if image.sidecar_warning:
            self.report.warn(path, image.sidecar_warning)
        photo, created = add_ingested(session, image, self.template)
        pending.photo_ids[real_path(path)] = photo.id
        pending.landed_photo = photo.id
        if created:
            pending.created.append(photo.id)
        else:
            pending.duplicate = True

    def photo(self, session: Session, path: Path, pending: _Pending) -> Photo:
        """The photo of an image an article names, decoded here if no earlier file brought it in."""
        resolved = real_path(path)
        known = self.photo_ids.get(resolved) or pending.photo_ids.get(resolved)
        if known is not None:
            photo = session.get(Photo, known)
            if photo is not None:
                return photo
        photo, created = add_ingested(session, ingest_file(path, max_pixels=self.max_pixels), self.template)
        session.flush()
        pending.photo_ids[resolved] = photo.id
        if created:
            pending.created.append(photo.id)
        return photo

    def author(self, session: Session, source: AuthorSource) -> None:
        fields: dict[str, object] = {"bio": source.bio}
        for key in ("role", "email", "website", "location", "social_links"):
            value = getattr(source, key)
            if value is not None:
                fields[key] = value
        if source.avatar:
            fields["avatar"] = _read_avatar(self.resolve(source.path, source.avatar, "avatar"))
        existing = (find_author(session, source.slug) if source.slug else None) or find_author(session, source.name)
        if existing is not None:
            if source.slug and slug_key(source.slug) != slug_key(existing.slug):
                fields["slug"] = source.slug
            update_author(session, existing, name=source.name, **fields)
            self.report.authors.append(existing.slug)
        else:
            if source.slug:
                fields["slug"] = source.slug
            author = create_author(session, source.name, **fields)
            self.report.authors.append(author.slug)

    def article(self, session: Session, source: ArticleSource, pending: _Pending) -> None:
        body = self.rewrite_images(session, source, pending)
        feature = self.photo(session, self.resolve(source.path, source.image), pending) if source.image else None
        slug = slugify(source.slug, max_length=SLUG_LIMIT)
        article = find_article(session, slug)
        updating = article is not None
        if article is not None:
            snapshot(session, article, "import")
        else:
            article = Article(slug=slug)
            session.add(article)
        article.headline = source.title
        article.dek = source.summary or ""
        article.body = body
        article.status = source.status
        article.published_at = source.date or (utcnow() if source.status == Status.PUBLISHED else None)
        if source.updated is not None:
            # The source's own last published change; without one the page's dateModified is its date.
            article.modified_at = source.updated
        article.section = find_or_create_section(session, source.section) if source.section else None
        set_tags(session, article, source.tags or [])
        set_bylines(session, article, [_author(session, name) for name in source.authors])
        article.feature_photo = feature
        article.feature_alt = source.image_alt or ""
        article.feature_caption = source.image_caption or ""
        article.word_target = source.word_target
        if feature is not None:
            for name, value in validate_changes(source.image_rights).items():
                setattr(feature, name, value)
            if source.image_credit:
                feature.credit_override = source.image_credit
            if source.image_alt and not feature.alt_text:
                feature.alt_text = source.image_alt
        session.flush()
        (self.report.updated if updating else self.report.articles).append(article.slug)

    def rewrite_images(self, session: Session, source: ArticleSource, pending: _Pending) -> str:
        """The body with each local image path replaced by its photo's reference."""
        lines = source.body.splitlines(keepends=True)
        fence: str | None = None
        out = []
        for line in lines:
            marker = _FENCE.match(line)
            if marker and (fence is None or marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence)):
                fence = None if fence else marker.group(1)
                out.append(line)
                continue
            if fence is None:
                line = _IMAGE.sub(lambda m: self._figure(session, source, m, pending), line)
            out.append(line)
        return "".join(out)

    def _figure(self, session: Session, source: ArticleSource, match: re.Match[str], pending: _Pending) -> str:
        target = match.group(3)
        bare = target[1:-1] if target.startswith("<") else target
        if _EXTERNAL.match(bare):
            return match.group(0)
        photo = self.photo(session, self.resolve(source.path, bare), pending)
        alt = match.group(2).strip()
        if alt and not photo.alt_text:
            photo.alt_text = alt
        return match.group(1) + photo_ref(photo.id)

    def resolve(self, markdown: Path, target: str, what: str = "image") -> Path:
        """An image path as written in a Markdown file: it must exist, inside the folders imported.

        Relative paths are taken from the Markdown file (``..`` is fine while
        the file stays inside a folder being imported). Anything else, an
        absolute path or a link leading out, is refused unless the user named
        that very file on the command line: a received folder must not be able
        to publish a picture from elsewhere on this disk.
        """
        candidate = markdown.parent / target
        if not candidate.is_file():
            decoded = markdown.parent / unquote(target)
            if not decoded.is_file():
                raise ImportRefused(f"{what} {printable(target)!r} not found (looked for {printable_path(candidate)})")
            candidate = decoded
        if not self.files.may_refer_to(markdown, real_path(candidate)):
            raise ImportRefused(
                f"{what} {printable(target)!r} is outside the folders being imported "
                f"({printable_path(real_path(candidate))}); name that file on the command line too to import it"
            )
        return candidate


def _reason(exc: Exception, path: Path) -> str:
    """The refusal's message without a repeated file name (ingest names the file itself)."""
    message = _one_line(exc)
    name = printable_name(path)
    return message[len(name) + 2:] if message.startswith(f"{name}: ") else message


def _one_line(exc: BaseException) -> str:
    """The gist of an error in one line: a database error without its SQL, parameters and links."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    text = str(cause).strip().splitlines()
    return printable(text[0])[:300] if text else type(cause).__name__


def _read_avatar(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_AVATAR_BYTES, "an avatar")
    except ImportRefused as exc:
        raise ImportRefused(f"avatar {printable_name(path)}: {exc}") from None


def _author(session: Session, name: str) -> Author:
    return find_author(session, name) or create_author(session, name)


def _without_avatars(importer: _Importer, images: list[Path], authors: list[AuthorSource]) -> list[Path]:
    """Drop the avatar files that a folder walk found beside their profiles.

    An avatar belongs to its author, not to the photo desk: importing a
    folder written by ``export-authors`` must not add every face as a photo.
    An image named explicitly on the command line is still imported.
    """
    avatars = set()
    for source in authors:
        if source.avatar:
            try:
                avatars.add(real_path(importer.resolve(source.path, source.avatar, "avatar")))
            except WorkstationError:
                continue
    named = importer.files.named
    return [image for image in images if real_path(image) in named or real_path(image) not in avatars]


def _without_collisions(
    sources: list[_Source], keys: Callable[[_Source], list[tuple[str, str]]], report: ImportReport
) -> list[_Source]:
    """The sources whose address no earlier file of the batch already claims; the others are refused.

    Two files landing on one slug would otherwise be one article (or author)
    overwritten by the other, reported only as "updated".
    """
    claimed: dict[tuple[str, str], Path] = {}
    kept: list[_Source] = []
    for source in sources:
        mine = keys(source)
        clash = next(((what, claimed[(what, key)]) for what, key in mine if (what, key) in claimed), None)
        if clash is not None:
            what, other = clash
            shown = next(key for kind, key in mine if kind == what)
            report.refuse(
                source.path,
                f"its {what} {shown!r} is also that of {printable_path(other)} in this import; "
                "give one of them its own 'slug:' (or import them separately)",
            )
            continue
        for entry in mine:
            claimed[entry] = source.path
        kept.append(source)
    return kept


def _article_keys(source: ArticleSource) -> list[tuple[str, str]]:
    return [("slug", slug_key(slugify(source.slug, max_length=SLUG_LIMIT)))]


def _author_keys(source: AuthorSource) -> list[tuple[str, str]]:
    keys = [("name", " ".join(slug_key(source.name).split()))]
    slug = slugify(source.slug or source.name, max_length=LINE_LIMITS["slug"])
    return [*keys, ("slug", slug_key(slug))]


def import_paths(
    library: Library,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    kinds: frozenset[str] = EVERY_KIND,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    template: str = "",
) -> ImportReport:
    """Import files and folders; the report lists what landed and what was refused, and why.

    ``cancel`` is asked before each file; Ctrl-C (``KeyboardInterrupt``)
    stops the batch the same way. Either way the file in hand is rolled
    back whole and ``report.cancelled`` is set; a full disk stops the batch
    with ``report.stopped``. ``kinds`` limits what is taken (the photo desk
    takes images only). ``template`` names an ingest template filled into
    every new photo; an unknown name raises ``ValidationError`` before any
    file is read.
    """
    run = None
    if template:
        with library.session() as session:
            run = start_run(session, template)
    report = ImportReport()
    files = expand_paths(paths, report, kinds)
    importer = _Importer(library, report, files, max_pixels, run)
    sources: list[ArticleSource | AuthorSource] = []
    for path in files.markdown:
        try:
            sources.append(read_source(path))
        except WorkstationError as exc:
            report.refuse(path, _one_line(exc))
    authors = _without_collisions([s for s in sources if isinstance(s, AuthorSource)], _author_keys, report)
    articles = _without_collisions([s for s in sources if isinstance(s, ArticleSource)], _article_keys, report)
    images = _without_avatars(importer, files.images, authors)
    # Decoding runs ahead of storing; stopping the loop below closes it.
    decoded: Iterator[tuple[Path, IngestedImage | ImageRefused]] = ingest_files(images, max_pixels=max_pixels)

    def next_image(session: Session, pending: _Pending) -> None:
        path, image = next(decoded)
        importer.store_image(session, path, image, pending)

    steps: list[tuple[Path, Callable[[Session, _Pending], None]]] = []
    steps += [(s.path, lambda session, _pending, s=s: importer.author(session, s)) for s in authors]
    steps += [(p, next_image) for p in images]
    steps += [(s.path, lambda session, pending, s=s: importer.article(session, s, pending)) for s in articles]
    report.total = len(steps)
    try:
        for done, (path, work) in enumerate(steps):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, len(steps), printable_name(path))
            importer.run(path, work)
    except KeyboardInterrupt:
        report.cancelled = True
    except _StorageFull:
        report.stopped = NO_SPACE
    finally:
        decoded.close()
    if progress is not None and not (report.cancelled or report.stopped):
        progress(len(steps), len(steps), "")
    return report
