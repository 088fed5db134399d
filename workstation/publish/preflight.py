"""Integrity and preflight: what must be fixed before a page goes out.

``integrity`` answers "is the file sound?" (SQLite's check of every page,
which open skips for speed, and every photo original against its SHA-256).
``preflight`` answers "would we be embarrassed or sued?": missing alt text
or credits, dangling references, expired picture rights, headlines too long
for a search result, stories without a byline, bodies past the house limits
the renderer shows as plain text (``content.bounds``), links to articles not
on the site, images on other hosts, suggestions not yet accepted or rejected
(an error: the page would show the original words) and open comments (a
warning) (``content.critic``). ``publish_gate`` asks the same of one
article about to be published: its errors block publishing unless an
editor overrides them with a reason (``editing.publishing``).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Engine, Text, and_, literal, select, text, true, type_coerce
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workstation.content.house_style import rules_or_none
from workstation.content.markdown import remote_images
from workstation.content.references import parse_photo_ref
from workstation.errors import LibraryError
from workstation.library.models import Article, ArticleAuthor, Author, Photo, Status
from workstation.library.original_check import MISSING
from workstation.library.original_store import damaged_originals
from workstation.library.plain import batches
from workstation.library.publishing import is_live, is_scheduled, moment_label, now_utc
from workstation.library.settings import load_desk_settings
from workstation.photos.renditions import MAX_SIDE, in_proportion
from workstation.photos.rules import PhotoFacts, Problem, facts_of, photo_problems
from workstation.publish import preflight_facts
from workstation.publish.preflight_facts import TextFacts, facts_code, text_facts

HEADLINE_LIMIT = 110
ERROR, WARNING = "error", "warning"


class Finding(NamedTuple):
    """One thing to fix or look at (a tuple: a decade's archive may have hundreds of thousands of them)."""

    severity: str
    kind: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a check makes its rows and findings.

    A decade's archive makes hundreds of thousands of them, none part of a
    cycle; the collector would walk all of them again and again as they
    pile up (a third of preflight's time). Whatever cycles are made
    meanwhile are collected once it runs again.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _pages_sound(reader: Session | Connection, full: bool) -> None:
    """SQLite's check of every page; raises ``LibraryError`` naming the first fault.

    ``quick_check`` reads every page: the b-trees' structure, the free
    list, each record's format and its NOT NULL and CHECK constraints.
    ``full`` runs ``integrity_check``, which also matches every index
    against its table (about three times the time on a large library).
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        results = [row[0] for row in reader.execute(text(f"PRAGMA {pragma}(20)"))]
    except DBAPIError as exc:
        raise LibraryError(f"the library file is damaged ({exc.orig})") from None
    if results != ["ok"]:
        raise LibraryError(f"the library file is damaged ({results[0]})")


# Bytes of the library file a check reads through a memory map; SQLite caps it at its build's limit (2 GiB by default).
_MAPPED_BYTES = 1 << 40


@contextmanager
def _mapped(connection: Connection) -> Iterator[None]:
    """``connection`` reads the library file through a memory map meanwhile, as it was after.

    A check reads nearly every page; copying each through a ``read`` call
    is about a third of SQLite's page check. (A mapped file cut short by
    another program would stop the process, as SQLite's documentation
    warns; Workstation itself never shrinks a library file: no VACUUM, no
    auto-vacuum.)
    """
    before = connection.exec_driver_sql("PRAGMA mmap_size").scalar()
    connection.exec_driver_sql(f"PRAGMA mmap_size = {_MAPPED_BYTES}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA mmap_size = {before}")


def _integrity_apart(engine: Engine, full: bool) -> list[Finding]:
    """``integrity`` on a connection of its own."""
    with engine.connect() as connection:
        with _mapped(connection):
            _pages_sound(connection, full)
        return _original_findings(connection)


def _original_findings(reader: Session | Connection) -> list[Finding]:
    findings = []
    for photo_id, damage in damaged_originals(reader):
        if damage == MISSING:
            findings.append(Finding(ERROR, "missing-original", f"photo {photo_id}", "the original file is missing"))
        else:
            findings.append(Finding(ERROR, "damaged-photo", f"photo {photo_id}", f"{damage}; restore it from a backup"))
    return findings


def integrity(session: Session, *, full: bool = False) -> list[Finding]:
    """Problems with the file itself; raises ``LibraryError`` when its structure is damaged.

    ``full`` also matches every index against its table (``_pages_sound``).
    A newsroom's pages are its PostgreSQL server's to keep; there only the
    photo originals are checked.
    """
    if session.get_bind().dialect.name == "sqlite":
        _pages_sound(session, full)
    return _original_findings(session)


@_without_cycle_collection()
def check_all(session: Session, published_only: bool = True, *, keep: bool = False,
              full: bool = False) -> list[Finding]:
    """``integrity`` then ``preflight``, as ``workstation check`` reports them.

    On a library file SQLite's page check (seconds for a decade's archive,
    all of it in SQLite's C code, which leaves Python's lock free) and the
    pass over the photo originals (mostly SQLite reading them) each run on a
    connection and thread of their own while preflight is read here. A
    damaged file is reported as such even when reading it elsewhere failed
    too.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or not isinstance(bind, Engine):
        return integrity(session, full=full) + preflight(session, published_only, keep=keep)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check") as pool:
        sound = pool.submit(_integrity_apart, bind, full)
        try:
            with _mapped(session.connection()):
                checked = preflight(session, published_only, keep=keep)
        except DBAPIError:
            sound.result()
            raise
        return sound.result() + checked


_PROBLEM_TEXT = {
    Problem.NO_ALT: (ERROR, "has no alt text"),
    Problem.NO_CREDIT: (ERROR, "has no credit"),
    Problem.NO_SOURCE_TYPE: (WARNING, "has no digital source type (camera, scan, AI-generated …)"),
}


class _UsedPhoto(NamedTuple):
    """What the findings read of a photo (not its id): its rule fields, Content Credentials and shape.

    A tuple, so that the findings of photos alike (an archive's photos share
    a few credits and sizes) are worked out once (``_photo_verdicts``).
    """

    creator: str
    credit_line: str
    credit_override: str
    alt_text: str
    digital_source_type: str
    rights_expiry: date | None
    has_manifest: bool
    width: int | None
    height: int | None

    @classmethod
    def of(cls, photo: Photo) -> _UsedPhoto:
        facts = facts_of(photo)
        return cls(facts.creator, facts.credit_line, facts.credit_override, facts.alt_text, facts.digital_source_type,
                   facts.rights_expiry, bool((photo.content_credentials or {}).get("manifest")), photo.width,
                   photo.height)


@lru_cache(maxsize=4096)
def _photo_verdicts(photo: _UsedPhoto, alt: str, today: date) -> tuple[tuple[str, str, str], ...]:
    """The photo rules (``photos.rules``, which the photo desk's badges also use) as findings' severity, kind and
    the message's words after "<where> (photo <id>)"; worked out once for each set of answers.
    """
    verdicts = []
    facts = PhotoFacts(photo.creator, photo.credit_line, photo.credit_override, photo.alt_text,
                       photo.digital_source_type, photo.rights_expiry)
    for problem in photo_problems(facts, today, alt):
        if problem in _PROBLEM_TEXT:
            severity, text_ = _PROBLEM_TEXT[problem]
            verdicts.append((severity, problem.value, f" {text_}"))
        elif problem == Problem.RIGHTS_ENDED:
            verdicts.append((ERROR, problem.value, f": usage rights expired on {photo.rights_expiry.isoformat()}"))  # type: ignore[union-attr]
        else:
            verdicts.append((WARNING, problem.value, f": usage rights expire on {photo.rights_expiry.isoformat()}"))  # type: ignore[union-attr]
    if photo.has_manifest:
        # Every rendition is scaled and scrubbed: the manifest's hash cannot hold for it.
        verdicts.append((WARNING, "content-credentials",
                         " has Content Credentials (C2PA); the published rendition is resized and scrubbed, so it "
                         "will not carry them (its XMP names the original's manifest)"))
    if photo.width and photo.height and not in_proportion(photo.width, photo.height):
        # An older library may hold such a photo: it is published, stretched.
        verdicts.append((WARNING, "photo-shape",
                         f" is {photo.width} × {photo.height} px, too thin to publish in proportion; it is stretched "
                         f"to fit {min(MAX_SIDE.values()):,} px"))
    return tuple(verdicts)


def _photo_findings(subject: str, photo_id: int, photo: _UsedPhoto, alt: str, today: date,
                    where: str) -> list[Finding]:
    return [Finding(severity, kind, subject, f"{where} (photo {photo_id}){words}")
            for severity, kind, words in _photo_verdicts(photo, alt, today)]


def _note_findings(subject: str, facts: TextFacts) -> Iterable[Finding]:
    """Suggestions and comments still in the body: the export leaves them out, so someone must decide."""
    if facts.suggestions:
        plural = "suggestion" if facts.suggestions == 1 else "suggestions"
        yield Finding(ERROR, "suggestions", subject,
                      f"has {facts.suggestions} {plural} not yet accepted or rejected (the page shows the original words)")
    if facts.comments:
        plural = "comment" if facts.comments == 1 else "comments"
        yield Finding(WARNING, "comments", subject, f"has {facts.comments} open {plural}")


def _remote_image_findings(subject: str, urls: Iterable[str], where: str) -> Iterable[Finding]:
    """An image on another host would be fetched by every reader's browser: the export shows it as a link instead."""
    for url in urls:
        shown = url if len(url) <= 120 else url[:119] + "…"
        yield Finding(ERROR, "remote-image", subject,
                      f"{where} shows an image from another site, {shown}; the page shows it as a link: "
                      "import it into the library (Import from URL…) or link to it")


def _reference_findings(
    subject: str, slugs: Iterable[str], dates: dict[str, tuple[str, datetime | None]], published: bool, now: datetime
) -> Iterable[Finding]:
    for slug in slugs:
        if slug not in dates:
            yield Finding(ERROR, "article-reference", subject, f"links to [[{slug}]], which is not in the library")
            continue
        status, published_at = dates[slug]
        if not published or is_live(status, published_at, now):
            continue
        if is_scheduled(status, published_at, now):
            yield Finding(ERROR, "article-reference", subject,
                          f"links to [[{slug}]], which is scheduled for {moment_label(published_at)}"  # type: ignore[arg-type]
                          " and not on the site before then")
        else:
            yield Finding(ERROR, "article-reference", subject,
                          f"links to [[{slug}]], which is not published; the page would show a missing article")


def _house_style_rules(session: Session) -> str:
    """The library's house-style rules as stored (``rules_or_none`` reads them: none when they cannot be read)."""
    return load_desk_settings(session).house_style


class _Checked(NamedTuple):
    """What the findings of one article are made from: its record's fields, its lead photo and its text's facts."""

    slug: str
    status: str
    headline: str
    has_byline: bool
    feature_photo_id: int | None
    feature_photo: _UsedPhoto | None
    feature_alt: str
    facts: TextFacts


def _article_findings(
    checked: _Checked,
    photo_of: Callable[[int], _UsedPhoto | None],
    dates: dict[str, tuple[str, datetime | None]],
    today: date,
    now: datetime,
    published: bool | None = None,
) -> list[Finding]:
    """The article's findings, each once; ``published`` judges it as about to be published (the publish gate).

    ``photo_of`` gives the photo an image reference names, None when there is none.
    """
    published = checked.status == Status.PUBLISHED if published is None else published
    subject = f"article {checked.slug}"
    facts = checked.facts
    found = []
    if not checked.headline.strip():
        found.append(Finding(ERROR, "headline", subject, "has no headline"))
    elif len(checked.headline) > HEADLINE_LIMIT:
        found.append(Finding(WARNING, "headline", subject,
                             f"headline is {len(checked.headline)} characters (over {HEADLINE_LIMIT}; "
                             "search results cut it)"))
    if published and not checked.has_byline:
        found.append(Finding(ERROR, "byline", subject, "is published without a byline"
                             if checked.status == Status.PUBLISHED else "has no byline"))
    if facts.suggestions or facts.comments:
        found += _note_findings(subject, facts)
    found += (Finding(ERROR, "body-limits", subject, excess) for excess in facts.limits)
    if checked.feature_photo is not None:
        found += _photo_findings(subject, checked.feature_photo_id, checked.feature_photo,  # type: ignore[arg-type]
                                 checked.feature_alt, today, "lead photo")
    # The renderer's own parse: inline, reference-style and footnote images alike.
    for ref, alt in facts.images:
        photo_id = parse_photo_ref(ref)
        photo = photo_of(photo_id) if photo_id is not None else None
        if photo is None:
            shown = ref if len(ref) <= 80 else ref[:79] + "…"
            found.append(Finding(ERROR, "photo-reference", subject, f"refers to {shown}, which is not in the library"))
        else:
            found += _photo_findings(subject, photo_id, photo, alt, today, "figure")  # type: ignore[arg-type]
    if facts.remote_images:
        found += _remote_image_findings(subject, facts.remote_images, "the body")
    if facts.article_refs:
        found += _reference_findings(subject, facts.article_refs, dates, published, now)
    if facts.house_style is not None:
        found.append(Finding(WARNING, "house-style", subject, facts.house_style))
    # A figure used twice is one finding, not two.
    return list(dict.fromkeys(found)) if len(found) > 1 else found


def _publication_dates(session: Session, slugs: Iterable[str]) -> dict[str, tuple[str, datetime | None]]:
    """The status and publication time of the articles ``slugs`` name (as stored: a slug in another case is not one)."""
    wanted = sorted(set(slugs))
    dates = {}
    for chunk in batches(wanted):
        rows = session.execute(select(Article.slug, Article.status, Article.published_at).where(Article.slug.in_(chunk)))
        dates.update((slug, (status, when)) for slug, status, when in rows)
    return dates


def _author_findings(author: Any) -> Iterable[Finding]:
    """``author``: an ``Author`` or a row with its ``slug`` and ``bio``."""
    subject = f"author {author.slug}"
    if not author.bio.strip():
        yield Finding(WARNING, "author-bio", subject, "has no bio")
    yield from _remote_image_findings(subject, remote_images(author.bio), "the bio")


def publish_gate(session: Session, article: Article, today: date | None = None,
                 now: datetime | None = None) -> list[Finding]:
    """What publishing ``article`` now would put on the site that must be fixed (errors) or looked at (warnings).

    The article is judged as published, whatever its status, and so are
    the bios of the authors in its byline. Its text is read afresh (it may
    not be saved yet), never taken from what ``check`` kept.
    """
    now = now or now_utc()
    today = today or now.astimezone().date()
    facts = text_facts(article.headline, article.dek, article.body, rules_or_none(_house_style_rules(session)))
    lead = _UsedPhoto.of(article.feature_photo) if article.feature_photo is not None else None
    checked = _Checked(article.slug, article.status, article.headline, bool(article.bylines),
                       article.feature_photo_id, lead, article.feature_alt, facts)

    def photo_of(photo_id: int) -> _UsedPhoto | None:
        photo = session.get(Photo, photo_id)
        return _UsedPhoto.of(photo) if photo is not None else None

    dates = _publication_dates(session, facts.article_refs)
    findings = _article_findings(checked, photo_of, dates, today, now, published=True)
    for byline in article.bylines:
        findings += _author_findings(byline.author)
    return findings


# The photo fields the findings read (``photos.rules`` and ``_photo_findings``); Content Credentials as
# stored, decoded only when they may name a manifest.
_PHOTO_FIELDS = (Photo.id, Photo.creator, Photo.credit_line, Photo.credit_override, Photo.alt_text,
                 Photo.digital_source_type, Photo.rights_expiry, type_coerce(Photo.content_credentials, Text),
                 Photo.width, Photo.height)




def _used_photos(session: Session, where: ColumnElement[bool]) -> dict[int, _UsedPhoto]:
    photos = {}
    for photo_id, creator, credit_line, credit_override, alt_text, source_type, expiry, credentials, width, height in (
        session.connection().execute(select(*_PHOTO_FIELDS).where(where)).all()
    ):
        # A manifest key in JSON text reads "manifest", or is written with escapes.
        may_name = credentials is not None and ("manifest" in credentials or "\\" in credentials)
        has_manifest = bool((json.loads(credentials) or {}).get("manifest")) if may_name else False
        photos[photo_id] = _UsedPhoto(creator, credit_line, credit_override, alt_text, source_type, expiry,
                                      has_manifest, width, height)
    return photos


@_without_cycle_collection()
def preflight(session: Session, published_only: bool = True, today: date | None = None, *,
              keep: bool = False) -> list[Finding]:
    """Findings for published articles (or all), and for the authors in their bylines.

    Read as rows, not ORM objects, so that a decade's archive is checked
    in seconds. Each article's text is read through the facts kept for it
    (``preflight_facts``) when they were made from the text, rules and code
    of now, and afresh otherwise; with ``keep`` (the library's writer,
    whose transaction the caller commits) facts read afresh are kept for
    the next check.
    """
    today = today or date.today()
    now = now_utc()
    rules = _house_style_rules(session)
    code = facts_code(rules)
    keeping = preflight_facts.kept(session)
    table = preflight_facts.FACTS
    columns = (Article.id, Article.slug, Article.status, Article.headline, Article.feature_photo_id,
               Article.feature_alt)
    if keeping:
        query = select(*columns, table.c.facts, table.c.house_style).outerjoin(
            table, and_(table.c.article_id == Article.id, table.c.code == code))
    else:
        query = select(*columns, literal(None).label("facts"), literal(None).label("house_style"))
    chosen = Article.status == Status.PUBLISHED if published_only else true()
    rows = session.connection().execute(query.where(chosen).order_by(Article.slug)).all()
    decode = preflight_facts.decode
    facts = {row[0]: decode(row[6], row[7]) for row in rows if row[6] is not None}
    fresh: dict[int, TextFacts] = {}
    if len(facts) < len(rows):
        style = rules_or_none(rules)
        for chunk in batches([row[0] for row in rows if row[6] is None]):
            texts = select(Article.id, Article.headline, Article.dek, Article.body).where(Article.id.in_(chunk))
            for article_id, headline, dek, body in session.connection().execute(texts):
                fresh[article_id] = text_facts(headline, dek, body, style)
        if keep and keeping:
            preflight_facts.store(session, code, fresh)
    facts |= fresh
    bylines: dict[int, list[int]] = {}
    for article_id, author_id in session.connection().execute(
        select(ArticleAuthor.article_id, ArticleAuthor.author_id).order_by(ArticleAuthor.position)
    ):
        bylines.setdefault(article_id, []).append(author_id)
    photos = _used_photos(session, Photo.id.in_(select(Article.feature_photo_id).where(chosen)))
    figures = {parse_photo_ref(ref) for f in facts.values() for ref, _alt in f.images} - {None} - photos.keys()
    for chunk in batches(sorted(figures)):  # type: ignore[type-var]
        photos |= _used_photos(session, Photo.id.in_(chunk))
    dates = _publication_dates(session, (slug for f in facts.values() for slug in f.article_refs))
    findings: list[Finding] = []
    author_ids: set[int] = set()
    for article_id, slug, status, headline, feature_photo_id, feature_alt, *_kept in rows:
        if article_id not in facts:
            continue  # deleted by another desk of a newsroom since the rows were read
        checked = _Checked(slug, status, headline, article_id in bylines, feature_photo_id,
                           photos.get(feature_photo_id), feature_alt, facts[article_id])
        findings += _article_findings(checked, photos.get, dates, today, now)
        author_ids.update(bylines.get(article_id, ()))
    authors = [author for chunk in batches(sorted(author_ids))
               for author in session.execute(select(Author.slug, Author.bio).where(Author.id.in_(chunk)))]
    for author in sorted(authors, key=lambda a: a.slug):
        findings += _author_findings(author)
    return findings
