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

Preflight reads the library in plain SQL (``read_preflight``, over
``library.plain``), for a session's connection (``preflight``) and for
``workstation check`` of a library file (``publish.file_check``) alike, so
that the command need not import SQLAlchemy: only ``publish_gate`` and
``integrity`` of a session load the models, when called.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache, partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from workstation.content.house_rules import DEFAULT_RULES
from workstation.content.references import parse_photo_ref
from workstation.content.remote_images import may_show_remote_images
from workstation.errors import LibraryError
from workstation.library.original_verdicts import MISSING
from workstation.library.plain import Plain, batches, marks
from workstation.library.publishing import is_live, is_scheduled, moment_label, now_utc
from workstation.library.site_settings import DESK_PREFIX
from workstation.library.statuses import Status
from workstation.library.stored import stored_datetime
from workstation.photos.rules import PhotoFacts, Problem, facts_of, photo_problems
from workstation.photos.shapes import MAX_SIDE, in_proportion
from workstation.publish import preflight_facts
from workstation.publish.preflight_facts import TextFacts, facts_code, text_facts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from workstation.content.house_style import HouseStyle
    from workstation.library.models import Article, Photo

HEADLINE_LIMIT = 110
# The status as stored (a plain string compares several times faster than the enum's member, read off its class).
_PUBLISHED = Status.PUBLISHED.value
# Where the desk keeps its house-style rules (``settings.DeskSettings.house_style``).
HOUSE_STYLE_KEY = DESK_PREFIX + "house_style"
ERROR, WARNING = "error", "warning"


class Finding(NamedTuple):
    """One thing to fix or look at (a tuple: a decade's archive may have hundreds of thousands of them)."""

    severity: str
    kind: str
    subject: str
    message: str

    def __str__(self) -> str:
        return _LINE(_SHOWN(self))


# A finding's line, "<subject>: <message>", from C calls only (``finding_lines``).
_SHOWN = itemgetter(slice(2, 4))
_LINE = ": ".join


def finding_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Each finding's line (``str(finding)``), made without a Python call a finding: a decade's check prints
    a quarter of a million."""
    return map(_LINE, map(_SHOWN, findings))


# A Finding made in C from a tuple of its four fields: a decade's check makes a quarter of a million, and the named
# tuple's own ``__new__`` (Python code) takes over twice as long a finding.
_finding: Callable[[tuple[str, str, str, str]], Finding] = partial(tuple.__new__, Finding)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
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


def pages_sound(connection: Any, full: bool) -> None:
    """SQLite's check of every page, on SQLite's own ``connection``; raises ``LibraryError`` naming the first fault.

    ``quick_check`` reads every page: the b-trees' structure, the free
    list, each record's format and its NOT NULL and CHECK constraints.
    ``full`` runs ``integrity_check``, which also matches every index
    against its table (about three times the time on a large library).
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        results = [row[0] for row in connection.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"the library file is damaged ({exc})") from None
    if results != ["ok"]:
        raise LibraryError(f"the library file is damaged ({results[0]})")


def original_findings(damaged: Iterable[tuple[int, str]]) -> list[Finding]:
    """The findings of the ``damaged`` originals, by photo id with why (``library.original_verdicts``)."""
    findings = []
    for photo_id, damage in damaged:
        if damage == MISSING:
            findings.append(Finding(ERROR, "missing-original", f"photo {photo_id}", "the original file is missing"))
        else:
            findings.append(Finding(ERROR, "damaged-photo", f"photo {photo_id}", f"{damage}; restore it from a backup"))
    return findings


def _driver_connection(session: Session) -> Any:
    return session.connection().connection.dbapi_connection


def _on_file(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def integrity(session: Session, *, full: bool = False) -> list[Finding]:
    """Problems with the file itself; raises ``LibraryError`` when its structure is damaged.

    ``full`` also matches every index against its table (``pages_sound``).
    A newsroom's pages are its PostgreSQL server's to keep; there only the
    photo originals are checked. (``workstation check`` of a library file
    does the same through ``publish.file_check``, without the ORM.)
    """
    from workstation.library.original_store import damaged_originals

    if _on_file(session):
        pages_sound(_driver_connection(session), full)
    return original_findings(damaged_originals(session))


def check_all(session: Session, published_only: bool = True, *, keep: bool = False,
              full: bool = False) -> list[Finding]:
    """``integrity`` then ``preflight``, as ``workstation check`` reports them for a newsroom."""
    return integrity(session, full=full) + preflight(session, published_only, keep=keep)


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


def _add_photo_findings(found: list[Finding], subject: str, photo_id: int, photo: _UsedPhoto, alt: str, today: date,
                        where: str) -> None:
    """Add to ``found`` what the photo rules say of ``photo`` as used ``where`` (with ``alt``, the article's own)."""
    verdicts = _photo_verdicts(photo, alt, today)
    if verdicts:
        shown = f"{where} (photo {photo_id})"
        for severity, kind, words in verdicts:
            found.append(_finding((severity, kind, subject, shown + words)))


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


def _house_style_rules(plain: Plain) -> str:
    """The library's house-style rules as stored (``rules_or_none`` reads them: none when they cannot be read)."""
    stored = plain.rows("SELECT value FROM settings WHERE key = ?", (HOUSE_STYLE_KEY,))
    return stored[0][0] if stored else DEFAULT_RULES


def _style(rules: str) -> HouseStyle:
    """The rules read (``content.house_style`` is imported only when a text is read afresh)."""
    from workstation.content.house_style import rules_or_none

    return rules_or_none(rules, preflight_facts.HOUSE_STYLE_SECONDS)


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


# As ``_finding``: one is made for each of a decade's articles.
_checked: Callable[[tuple[Any, ...]], _Checked] = partial(tuple.__new__, _Checked)


def _article_findings(
    checked: _Checked,
    photo_of: Callable[[int], _UsedPhoto | None],
    dates: dict[str, tuple[str, datetime | None]],
    today: date,
    now: datetime,
    published: bool | None = None,
) -> list[Finding]:
    """The article's findings, each once; ``published`` judges it as about to be published (the publish gate).

    ``photo_of`` gives the photo an image reference names, None when there is none. A decade's archive
    asks this of a hundred thousand articles in one check, so the fields are read once each.
    """
    slug, status, headline, has_byline, feature_photo_id, feature_photo, feature_alt, facts = checked
    suggestions, comments, limits, images, remote, refs, house_style, _settled = facts
    if published is None:
        published = status == _PUBLISHED
    subject = "article " + slug
    found: list[Finding] = []
    if not headline.strip():
        found.append(_finding((ERROR, "headline", subject, "has no headline")))
    elif len(headline) > HEADLINE_LIMIT:
        found.append(_finding((WARNING, "headline", subject,
                               f"headline is {len(headline)} characters (over {HEADLINE_LIMIT}; search results cut it)")))
    if published and not has_byline:
        found.append(_finding((ERROR, "byline", subject, "is published without a byline"
                               if status == _PUBLISHED else "has no byline")))
    if suggestions or comments:
        found += _note_findings(subject, facts)
    if limits:
        found += [Finding(ERROR, "body-limits", subject, excess) for excess in limits]
    if feature_photo is not None:
        _add_photo_findings(found, subject, feature_photo_id, feature_photo, feature_alt, today, "lead photo")
    # The renderer's own parse: inline, reference-style and footnote images alike.
    for ref, alt in images:
        photo_id = parse_photo_ref(ref)
        photo = photo_of(photo_id) if photo_id is not None else None
        if photo is None:
            shown = ref if len(ref) <= 80 else ref[:79] + "…"
            found.append(Finding(ERROR, "photo-reference", subject, f"refers to {shown}, which is not in the library"))
        else:
            _add_photo_findings(found, subject, photo_id, photo, alt, today, "figure")  # type: ignore[arg-type]
    if remote:
        found += _remote_image_findings(subject, remote, "the body")
    if refs:
        found += _reference_findings(subject, refs, dates, published, now)
    if house_style is not None:
        found.append(_finding((WARNING, "house-style", subject, house_style)))
    # A figure used twice (or a link, an excess named twice) is one finding, not two; nothing else can repeat.
    if images or refs or remote or len(limits) > 1:
        return list(dict.fromkeys(found))
    return found


def _publication_dates(plain: Plain, slugs: Iterable[str]) -> dict[str, tuple[str, datetime | None]]:
    """The status and publication time of the articles ``slugs`` name (as stored: a slug in another case is not one)."""
    wanted = sorted(set(slugs))
    dates = {}
    for chunk in batches(wanted):
        for slug, status, when in plain.rows(
            f"SELECT slug, status, published_at FROM articles WHERE slug IN ({marks(len(chunk))})", chunk
        ):
            dates[slug] = (status, stored_datetime(when))
    return dates


def _author_findings(slug: str, bio: str) -> Iterable[Finding]:
    subject = f"author {slug}"
    if not bio.strip():
        yield Finding(WARNING, "author-bio", subject, "has no bio")
    if may_show_remote_images(bio):
        from workstation.content.markdown import remote_images  # the Markdown dialect, only for a bio that needs it

        yield from _remote_image_findings(subject, remote_images(bio), "the bio")


def _plain(session: Session) -> Plain:
    """The session's own connection, in its transaction, spoken to in plain SQL."""
    return Plain(_driver_connection(session), placeholder="?" if _on_file(session) else "%s")


def publish_gate(session: Session, article: Article, today: date | None = None,
                 now: datetime | None = None) -> list[Finding]:
    """What publishing ``article`` now would put on the site that must be fixed (errors) or looked at (warnings).

    The article is judged as published, whatever its status, and so are
    the bios of the authors in its byline. Its text is read afresh (it may
    not be saved yet), never taken from what ``check`` kept.
    """
    from workstation.library.models import Photo

    now = now or now_utc()
    today = today or now.astimezone().date()
    plain = _plain(session)
    facts = text_facts(article.headline, article.dek, article.body, _style(_house_style_rules(plain)))
    lead = _UsedPhoto.of(article.feature_photo) if article.feature_photo is not None else None
    checked = _Checked(article.slug, article.status, article.headline, bool(article.bylines),
                       article.feature_photo_id, lead, article.feature_alt, facts)

    def photo_of(photo_id: int) -> _UsedPhoto | None:
        photo = session.get(Photo, photo_id)
        return _UsedPhoto.of(photo) if photo is not None else None

    dates = _publication_dates(plain, facts.article_refs)
    findings = _article_findings(checked, photo_of, dates, today, now, published=True)
    for byline in article.bylines:
        findings += _author_findings(byline.author.slug, byline.author.bio)
    return findings


# The photo fields the findings read (``photos.rules`` and ``_add_photo_findings``), as ``_used_photo`` takes them;
# Content Credentials as stored (JSON text), decoded only when they may name a manifest.
_PHOTO_FIELDS = ("creator", "credit_line", "credit_override", "alt_text", "digital_source_type", "rights_expiry",
                 "content_credentials", "width", "height")


def _stored_date(value: date | str | None) -> date | None:
    """A date column's value: SQLite keeps ISO text (as SQLAlchemy's ``Date`` writes it), PostgreSQL a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _used_photo(creator: str, credit_line: str, credit_override: str, alt_text: str, source_type: str,
                expiry: date | str | None, credentials: str | None, width: int | None, height: int | None) -> _UsedPhoto:
    # A manifest key in JSON text reads "manifest", or is written with escapes.
    may_name = credentials is not None and ("manifest" in credentials or "\\" in credentials)
    has_manifest = bool((json.loads(credentials) or {}).get("manifest")) if may_name else False
    return _UsedPhoto(creator, credit_line, credit_override, alt_text, source_type, _stored_date(expiry), has_manifest,
                      width, height)


@without_cycle_collection()
def preflight(session: Session, published_only: bool = True, today: date | None = None, *,
              keep: bool = False) -> list[Finding]:
    """``read_preflight`` on the session's connection, in its transaction (which the caller commits).

    Facts are kept (``keep``) only in a library file: a newsroom keeps none.
    """
    return read_preflight(_plain(session), published_only, today, kept=_on_file(session), keep=keep)


# The articles checked, in slug order, with what the findings read of each record, the facts kept for it (made
# under the code given first; none when the library keeps none) and its lead photo's fields (``_PHOTO_FIELDS``).
_ARTICLES = (
    "SELECT a.id, a.slug, a.status, a.headline, a.feature_photo_id, a.feature_alt, "
    "EXISTS (SELECT 1 FROM article_authors b WHERE b.article_id = a.id), {kept}, p.id, "
    + ", ".join(f"p.{field}" for field in _PHOTO_FIELDS)
    + " FROM articles a LEFT JOIN photos p ON p.id = a.feature_photo_id {join} {where} ORDER BY a.slug"
)
_KEPT = ("f.facts, f.house_style", f"LEFT JOIN {preflight_facts.TABLE} f ON f.article_id = a.id AND f.code = ?")
_NOT_KEPT = ("NULL, NULL", "")
_FIGURES = f"SELECT id, {', '.join(_PHOTO_FIELDS)} FROM photos WHERE id IN ({{}})"


@without_cycle_collection()
def read_preflight(plain: Plain, published_only: bool = True, today: date | None = None, *,
                   kept: bool = False, keep: bool = False) -> list[Finding]:
    """Findings for published articles (or all), and for the authors in their bylines.

    Read in plain SQL (``library.plain``), as rows, so that a decade's
    archive is checked in seconds, without the ORM. With ``kept`` (a
    library file, which has the table) each article's text is read through
    the facts kept for it (``preflight_facts``) when they were made from
    the text, rules and code of now, and afresh otherwise; with ``keep`` as
    well (the library's writer, whose transaction the caller commits) facts
    read afresh are kept for the next check.
    """
    today = today or date.today()
    now = now_utc()
    rules = _house_style_rules(plain)
    code = facts_code(rules)
    chosen, chosen_params = ("WHERE a.status = ?", (Status.PUBLISHED.value,)) if published_only else ("", ())
    columns, join = _KEPT if kept else _NOT_KEPT
    rows = plain.rows(_ARTICLES.format(kept=columns, join=join, where=chosen),
                      ((code,) if kept else ()) + chosen_params)
    decode = preflight_facts.decode
    facts = {row[0]: decode(row[7], row[8]) for row in rows if row[7] is not None}
    if len(facts) < len(rows):
        style = _style(rules)
        fresh: dict[int, TextFacts] = {}
        for chunk in batches([row[0] for row in rows if row[7] is None]):
            for article_id, headline, dek, body in plain.rows(
                f"SELECT id, headline, dek, body FROM articles WHERE id IN ({marks(len(chunk))})", chunk
            ):
                fresh[article_id] = text_facts(headline, dek, body, style)
        if keep and kept:
            preflight_facts.store(plain, code, fresh)
        facts |= fresh
    photos: dict[int, _UsedPhoto] = {}
    alike: dict[tuple[Any, ...], _UsedPhoto] = {}  # photos with the same fields share one (an archive's often do)
    for row in rows:
        if row[9] is not None:
            fields = row[10:]
            photos[row[9]] = alike.get(fields) or alike.setdefault(fields, _used_photo(*fields))
    figures = {parse_photo_ref(ref) for f in facts.values() for ref, _alt in f.images} - {None} - photos.keys()
    for chunk in batches(sorted(figures)):  # type: ignore[type-var]
        photos.update((row[0], _used_photo(*row[1:])) for row in plain.rows(_FIGURES.format(marks(len(chunk))), chunk))
    dates = _publication_dates(plain, (slug for f in facts.values() for slug in f.article_refs))
    findings: list[Finding] = []
    photo_of = photos.get
    for row in rows:
        text = facts.get(row[0])
        if text is None:
            continue  # deleted by another desk of a newsroom since the rows were read
        checked = _checked((row[1], row[2], row[3], bool(row[6]), row[4], photo_of(row[4]), row[5], text))
        findings += _article_findings(checked, photo_of, dates, today, now)
    authors = plain.rows(
        "SELECT slug, bio FROM authors WHERE id IN (SELECT b.author_id FROM article_authors b "
        f"JOIN articles a ON a.id = b.article_id {chosen})", chosen_params
    )
    for slug, bio in sorted(authors):
        findings += _author_findings(slug, bio)
    return findings
