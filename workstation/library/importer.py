"""Importing Markdown articles, author profiles and images into a library.

The contract (README "Import format"): folders are walked recursively, and
authors are imported first, then photos, then articles, so that bylines and
figures find what they name. Each file is its own transaction: a refused
file leaves the library exactly as it was and the rest still land. Images
named in an article (``image:`` or ``![alt](path)`` in the body) are resolved
relative to the Markdown file, imported once, and the stored body refers to
the library's photo (``photo:<id>``), never to a path on this disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from workstation.content.references import photo_ref
from workstation.content.slugs import slugify
from workstation.errors import ImportRefused, WorkstationError
from workstation.library.articles import SLUG_LIMIT, find_article, find_or_create_section, set_bylines, set_tags
from workstation.library.authors import create_author, find_author, update_author
from workstation.library.database import Library
from workstation.library.frontmatter import ArticleSource, AuthorSource, read_source
from workstation.library.models import Article, Author, Photo, Status, utcnow
from workstation.library.photos import add_photo
from workstation.library.revisions import snapshot
from workstation.photos.ingest import ingest_file

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
MAX_AVATAR_BYTES = 20 * 1024 * 1024
# ![alt](target "title"): the target is either <anything but >> or has no spaces.
_IMAGE = re.compile(r"(!\[((?:[^\]\\]|\\.)*)\]\(\s*)(<[^>\n]*>|[^\s)]+)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Refusal:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ImportReport:
    articles: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    photos: list[int] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.articles)} new and {len(self.updated)} updated articles",
            _counted(len(self.authors), "author profile"),
            _counted(len(self.photos), "photo"),
        ]
        line = "imported " + ", ".join(parts)
        if self.skipped:
            line += f"; skipped {_counted(len(self.skipped), 'other file')}"
        if self.refused:
            line += f"; refused {_counted(len(self.refused), 'file')}"
        return line


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass
class _Pending:
    """What one file's transaction added; it counts only once committed."""

    photo_ids: dict[Path, int] = field(default_factory=dict)
    created: list[int] = field(default_factory=list)


@dataclass
class _Files:
    markdown: list[Path] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return None


def _collect(paths: Iterable[Path], report: ImportReport) -> _Files:
    """Every importable file under ``paths``, each once, in a stable order."""
    files = _Files()
    seen: set[Path] = set()

    def add(path: Path, named: bool) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        kind = _kind(path)
        if kind == "markdown":
            files.markdown.append(path)
        elif kind == "image":
            files.images.append(path)
        elif named:
            report.refused.append(Refusal(path, "not a Markdown file (.md) or an image (jpg, png, webp, gif, tif)"))
        else:
            report.skipped.append(path)

    for path in map(Path, paths):
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith("."):
                        add(Path(folder) / name, named=False)
        elif path.is_file():
            add(path, named=True)
        elif path.exists():
            report.refused.append(Refusal(path, "not a regular file or folder"))
        else:
            report.refused.append(Refusal(path, "no such file or folder"))
    return files


class _Importer:
    def __init__(self, library: Library, report: ImportReport) -> None:
        self.library = library
        self.report = report
        # Photos already committed, by resolved path: an image named by ten articles is read once.
        self.photo_ids: dict[Path, int] = {}

    def run(self, path: Path, work: Callable[[Session, _Pending], None]) -> bool:
        """One file, one transaction; a refusal rolls back everything it did."""
        pending = _Pending()
        try:
            with self.library.transaction() as session:
                work(session, pending)
        except WorkstationError as exc:
            self.report.refused.append(Refusal(path, _reason(exc, path)))
            return False
        except (SQLAlchemyError, OSError, ValueError, TypeError) as exc:
            self.report.refused.append(Refusal(path, f"could not be imported ({type(exc).__name__}: {exc})"))
            return False
        self.photo_ids.update(pending.photo_ids)
        self.report.photos.extend(pending.created)
        return True

    def photo(self, session: Session, path: Path, pending: _Pending) -> Photo:
        resolved = path.resolve()
        known = self.photo_ids.get(resolved) or pending.photo_ids.get(resolved)
        if known is not None:
            photo = session.get(Photo, known)
            if photo is not None:
                return photo
        photo, created = add_photo(session, ingest_file(path))
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
            fields["avatar"] = _read_avatar(_resolve(source.path, source.avatar, "avatar"))
        existing = (find_author(session, source.slug) if source.slug else None) or find_author(session, source.name)
        if existing is not None:
            if source.slug and source.slug != existing.slug:
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
        feature = self.photo(session, _resolve(source.path, source.image), pending) if source.image else None
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
        article.section = find_or_create_section(session, source.section) if source.section else None
        set_tags(session, article, source.tags or [])
        set_bylines(session, article, [_author(session, name) for name in source.authors])
        article.feature_photo = feature
        article.feature_alt = source.image_alt or ""
        article.feature_caption = source.image_caption or ""
        if feature is not None:
            if source.image_credit:
                feature.credit_override = source.image_credit
            if source.image_alt and not feature.alt_text:
                feature.alt_text = source.image_alt
        session.flush()
        (self.report.updated if updating else self.report.articles).append(slug)

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
        photo = self.photo(session, _resolve(source.path, bare), pending)
        alt = match.group(2).strip()
        if alt and not photo.alt_text:
            photo.alt_text = alt
        return match.group(1) + photo_ref(photo.id)


def _reason(exc: Exception, path: Path) -> str:
    """The refusal's message without a repeated file name (ingest names the file itself)."""
    message = str(exc)
    return message[len(path.name) + 2:] if message.startswith(f"{path.name}: ") else message


def _resolve(markdown: Path, target: str, what: str = "image") -> Path:
    """An image path as written in a Markdown file; it must exist (``..`` is fine)."""
    candidate = markdown.parent / target
    if not candidate.is_file():
        decoded = markdown.parent / unquote(target)
        if decoded.is_file():
            return decoded
        raise ImportRefused(f"{what} {target!r} not found (looked for {candidate})")
    return candidate


def _read_avatar(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_AVATAR_BYTES:
            raise ImportRefused(f"avatar {path.name} is larger than {MAX_AVATAR_BYTES // 1024 // 1024} MB")
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"avatar {path.name} cannot be read ({exc.strerror or exc})") from None


def _author(session: Session, name: str) -> Author:
    return find_author(session, name) or create_author(session, name)


def _without_avatars(images: list[Path], authors: list[AuthorSource], named: set[Path]) -> list[Path]:
    """Drop the avatar files that a folder walk found beside their profiles.

    An avatar belongs to its author, not to the photo desk: importing a
    folder written by ``export-authors`` must not add every face as a photo.
    An image named explicitly on the command line is still imported.
    """
    avatars = set()
    for source in authors:
        if source.avatar:
            try:
                avatars.add(_resolve(source.path, source.avatar, "avatar").resolve())
            except WorkstationError:
                continue
    return [image for image in images if image in named or image.resolve() not in avatars]


def import_paths(
    library: Library,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import files and folders; the report lists what landed and what was refused, and why."""
    report = ImportReport()
    files = _collect(map(Path, paths), report)
    importer = _Importer(library, report)
    sources: list[ArticleSource | AuthorSource] = []
    for path in files.markdown:
        try:
            sources.append(read_source(path))
        except WorkstationError as exc:
            report.refused.append(Refusal(path, str(exc)))
    authors = [s for s in sources if isinstance(s, AuthorSource)]
    articles = [s for s in sources if isinstance(s, ArticleSource)]
    files.images = _without_avatars(files.images, authors, named=set(map(Path, paths)))
    steps: list[tuple[Path, Callable[[Session, _Pending], None]]] = []
    steps += [(s.path, lambda session, _pending, s=s: importer.author(session, s)) for s in authors]
    steps += [(p, lambda session, pending, p=p: importer.photo(session, p, pending)) for p in files.images]
    steps += [(s.path, lambda session, pending, s=s: importer.article(session, s, pending)) for s in articles]
    for done, (path, work) in enumerate(steps):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(done, len(steps), path.name)
        importer.run(path, work)
    if progress is not None:
        progress(len(steps), len(steps), "")
    return report
