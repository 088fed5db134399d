"""An import's Markdown files: author profiles and articles, and the images they name.

Loaded by ``library.import_store`` only when an import has a Markdown
file. Images named in an article (``image:`` or ``![alt](path)`` in the
body) are resolved relative to the Markdown file, must lie inside the
folder being imported (or be named on the command line themselves), are
imported once, and the stored body refers to the library's photo
(``photo:<id>``), never to a path on this disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

from sqlalchemy.orm import Session

from workstation.content.references import photo_ref
from workstation.content.slugs import slug_key, slugify
from workstation.errors import ImportRefused, WorkstationError
from workstation.library.articles import SLUG_LIMIT, find_article, find_or_create_section, set_bylines, set_tags
from workstation.library.authors import LINE_LIMITS, create_author, find_author, update_author
from workstation.library.frontmatter import ArticleSource, AuthorSource, read_source
from workstation.library.import_report import ImportReport
from workstation.library.import_store import Importer, Pending, Work, one_line
from workstation.library.ingest_templates import add_ingested
from workstation.library.models import Article, Author, Photo, Status, utcnow
from workstation.library.photo_queries import validate_changes
from workstation.library.revisions import snapshot
from workstation.photos.ingest import ingest_file
from workstation.regular_files import printable, printable_name, printable_path, read_regular_file, real_path

MAX_AVATAR_BYTES = 20 * 1024 * 1024
# ![alt](target "title"): the target is either <anything but >> or has no spaces.
_IMAGE = re.compile(r"(!\[((?:[^\]\\]|\\.)*)\]\(\s*)(<[^>\n]*>|[^\s)]+)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")

_Source = TypeVar("_Source", ArticleSource, AuthorSource)


class MarkdownImport:
    """The Markdown files of an import, read and checked against each other, as steps for ``Importer.run``."""

    def __init__(self, importer: Importer) -> None:
        self.importer = importer
        self.files = importer.files
        report = importer.report
        sources: list[ArticleSource | AuthorSource] = []
        for path in self.files.markdown:
            try:
                sources.append(read_source(path))
            except WorkstationError as exc:
                report.refuse(path, one_line(exc))
        self.authors = _without_collisions([s for s in sources if isinstance(s, AuthorSource)], _author_keys, report)
        self.articles = _without_collisions([s for s in sources if isinstance(s, ArticleSource)], _article_keys, report)

    def author_steps(self) -> list[tuple[Path, Work]]:
        return [(s.path, lambda session, _pending, s=s: self.author(session, s)) for s in self.authors]

    def article_steps(self) -> list[tuple[Path, Work]]:
        return [(s.path, lambda session, pending, s=s: self.article(session, s, pending)) for s in self.articles]

    def photo(self, session: Session, path: Path, pending: Pending) -> Photo:
        """The photo of an image an article names, decoded here if no earlier file brought it in."""
        resolved = real_path(path)
        known = self.importer.photo_ids.get(resolved) or pending.photo_ids.get(resolved)
        if known is not None:
            photo = session.get(Photo, known)
            if photo is not None:
                return photo
        image = ingest_file(path, max_pixels=self.importer.max_pixels)
        photo, created = add_ingested(session, image, self.importer.template)
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
            self.importer.report.authors.append(existing.slug)
        else:
            if source.slug:
                fields["slug"] = source.slug
            author = create_author(session, source.name, **fields)
            self.importer.report.authors.append(author.slug)

    def article(self, session: Session, source: ArticleSource, pending: Pending) -> None:
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
        (self.importer.report.updated if updating else self.importer.report.articles).append(article.slug)

    def rewrite_images(self, session: Session, source: ArticleSource, pending: Pending) -> str:
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

    def _figure(self, session: Session, source: ArticleSource, match: re.Match[str], pending: Pending) -> str:
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

    def images_without_avatars(self, images: list[Path]) -> list[Path]:
        """``images`` without the avatar files that a folder walk found beside their profiles. the avatar files that a folder walk found beside their profiles.

        An avatar belongs to its author, not to the photo desk: importing a
        folder written by ``export-authors`` must not add every face as a photo.
        An image named explicitly on the command line is still imported.
        """
        avatars = set()
        for source in self.authors:
            if source.avatar:
                try:
                    avatars.add(real_path(self.resolve(source.path, source.avatar, "avatar")))
                except WorkstationError:
                    continue
        named = self.files.named
        return [image for image in images if real_path(image) in named or real_path(image) not in avatars]


def _read_avatar(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_AVATAR_BYTES, "an avatar")
    except ImportRefused as exc:
        raise ImportRefused(f"avatar {printable_name(path)}: {exc}") from None


def _author(session: Session, name: str) -> Author:
    return find_author(session, name) or create_author(session, name)


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


