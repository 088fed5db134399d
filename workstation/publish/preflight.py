"""Integrity and preflight: what must be fixed before a page goes out.

``integrity`` answers "is the file sound?" (the full SQLite check, which
open skips for speed, and every photo original against its SHA-256).
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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from workstation.content.house_style import HouseStyle, rules_or_none
from workstation.content.critic import pending
from workstation.content.markdown import body_limits, image_uses, remote_images
from workstation.content.references import article_refs, parse_photo_ref
from workstation.errors import LibraryError
from workstation.library.models import Article, ArticleAuthor, Author, Photo, Status
from workstation.library.original_store import MISSING, original_damage
from workstation.library.publishing import is_live, is_scheduled, moment_label, now_utc
from workstation.library.settings import load_desk_settings
from workstation.photos.renditions import MAX_SIDE, in_proportion
from workstation.photos.rules import Problem, facts_of, photo_problems

HEADLINE_LIMIT = 110
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str
    kind: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


def integrity(session: Session) -> list[Finding]:
    """Problems with the file itself; raises ``LibraryError`` when its structure is damaged.

    A newsroom's pages are its PostgreSQL server's to keep; there only the
    photo originals are checked.
    """
    if session.get_bind().dialect.name == "sqlite":
        try:
            results = [row[0] for row in session.execute(text("PRAGMA integrity_check(20)"))]
        except DBAPIError as exc:
            raise LibraryError(f"the library file is damaged ({exc.orig})") from None
        if results != ["ok"]:
            raise LibraryError(f"the library file is damaged ({results[0]})")
    findings = []
    for photo in session.scalars(select(Photo).order_by(Photo.id)):
        damage = original_damage(session, photo)
        if damage == MISSING:
            findings.append(Finding(ERROR, "missing-original", f"photo {photo.id}", "the original file is missing"))
        elif damage is not None:
            findings.append(Finding(ERROR, "damaged-photo", f"photo {photo.id}", f"{damage}; restore it from a backup"))
    return findings


_PROBLEM_TEXT = {
    Problem.NO_ALT: (ERROR, "has no alt text"),
    Problem.NO_CREDIT: (ERROR, "has no credit"),
    Problem.NO_SOURCE_TYPE: (WARNING, "has no digital source type (camera, scan, AI-generated …)"),
}


def _photo_findings(subject: str, photo: Photo, alt: str, today: date, where: str) -> Iterable[Finding]:
    """The photo rules (``photos.rules``, which the photo desk's badges also use) as findings."""
    for problem in photo_problems(facts_of(photo), today, alt):
        if problem in _PROBLEM_TEXT:
            severity, text_ = _PROBLEM_TEXT[problem]
            yield Finding(severity, problem.value, subject, f"{where} (photo {photo.id}) {text_}")
        elif problem == Problem.RIGHTS_ENDED:
            yield Finding(ERROR, problem.value, subject,
                          f"{where} (photo {photo.id}): usage rights expired on {photo.rights_expiry.isoformat()}")
        else:
            yield Finding(WARNING, problem.value, subject,
                          f"{where} (photo {photo.id}): usage rights expire on {photo.rights_expiry.isoformat()}")
    if (photo.content_credentials or {}).get("manifest"):
        # Every rendition is scaled and scrubbed: the manifest's hash cannot hold for it.
        yield Finding(WARNING, "content-credentials", subject,
                      f"{where} (photo {photo.id}) has Content Credentials (C2PA); the published rendition is "
                      "resized and scrubbed, so it will not carry them (its XMP names the original's manifest)")
    if photo.width and photo.height and not in_proportion(photo.width, photo.height):
        # An older library may hold such a photo: it is published, stretched.
        yield Finding(WARNING, "photo-shape", subject,
                      f"{where} (photo {photo.id}) is {photo.width} × {photo.height} px, too thin to publish "
                      f"in proportion; it is stretched to fit {min(MAX_SIDE.values()):,} px")


def _note_findings(subject: str, body: str) -> Iterable[Finding]:
    """Suggestions and comments still in the body: the export leaves them out, so someone must decide."""
    notes = pending(body)
    if notes.suggestions:
        plural = "suggestion" if notes.suggestions == 1 else "suggestions"
        yield Finding(ERROR, "suggestions", subject,
                      f"has {notes.suggestions} {plural} not yet accepted or rejected (the page shows the original words)")
    if notes.comments:
        plural = "comment" if notes.comments == 1 else "comments"
        yield Finding(WARNING, "comments", subject, f"has {notes.comments} open {plural}")


def _remote_image_findings(subject: str, text: str, where: str) -> Iterable[Finding]:
    """An image on another host would be fetched by every reader's browser: the export shows it as a link instead."""
    for url in remote_images(text):
        shown = url if len(url) <= 120 else url[:119] + "…"
        yield Finding(ERROR, "remote-image", subject,
                      f"{where} shows an image from another site, {shown}; the page shows it as a link: "
                      "import it into the library (Import from URL…) or link to it")


def _reference_findings(
    subject: str, body: str, dates: dict[str, tuple[str, datetime | None]], published: bool, now: datetime
) -> Iterable[Finding]:
    for slug in dict.fromkeys(article_refs(body)):
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


def _house_style_findings(subject: str, article: Article, style: HouseStyle) -> Iterable[Finding]:
    """One warning per article naming the first few breaks of the house style (the editor underlines them all)."""
    found = [match for text in (article.headline, article.dek, article.body) for match in style.matches(text)]
    if not found:
        return
    shown = "; ".join(match.message.removeprefix("House style: ") for match in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    yield Finding(WARNING, "house-style", subject, f"house style: {shown}{more}")


def _house_style(session: Session) -> HouseStyle:
    """The library's house-style rules (none when they cannot be read: Preferences says why)."""
    return rules_or_none(load_desk_settings(session).house_style)


def _article_findings(
    session: Session,
    article: Article,
    dates: dict[str, tuple[str, datetime | None]],
    today: date,
    now: datetime,
    published: bool | None = None,
    style: HouseStyle | None = None,
) -> Iterable[Finding]:
    """The article's findings; ``published`` judges it as about to be published (the publish gate)."""
    published = article.status == Status.PUBLISHED if published is None else published
    subject = f"article {article.slug}"
    if not article.headline.strip():
        yield Finding(ERROR, "headline", subject, "has no headline")
    elif len(article.headline) > HEADLINE_LIMIT:
        yield Finding(WARNING, "headline", subject,
                      f"headline is {len(article.headline)} characters (over {HEADLINE_LIMIT}; search results cut it)")
    if published and not article.bylines:
        yield Finding(ERROR, "byline", subject, "is published without a byline" if article.status == Status.PUBLISHED
                      else "has no byline")
    yield from _note_findings(subject, article.body)
    for excess in body_limits(article.body):
        yield Finding(ERROR, "body-limits", subject, str(excess))
    if article.feature_photo is not None:
        yield from _photo_findings(subject, article.feature_photo, article.feature_alt, today, "lead photo")
    # The renderer's own parse: inline, reference-style and footnote images alike.
    for use in image_uses(article.body) if "![" in article.body else []:
        photo_id = parse_photo_ref(use.ref)
        photo = session.get(Photo, photo_id) if photo_id is not None else None
        if photo is None:
            shown = use.ref if len(use.ref) <= 80 else use.ref[:79] + "…"
            yield Finding(ERROR, "photo-reference", subject, f"refers to {shown}, which is not in the library")
        else:
            yield from _photo_findings(subject, photo, use.alt, today, "figure")
    yield from _remote_image_findings(subject, article.body, "the body")
    yield from _reference_findings(subject, article.body, dates, published, now)
    if style is not None:
        yield from _house_style_findings(subject, article, style)


def _publication_dates(session: Session) -> dict[str, tuple[str, datetime | None]]:
    return {slug: (status, when) for slug, status, when in session.execute(
        select(Article.slug, Article.status, Article.published_at))}


def _author_findings(author: Author) -> Iterable[Finding]:
    subject = f"author {author.slug}"
    if not author.bio.strip():
        yield Finding(WARNING, "author-bio", subject, "has no bio")
    yield from _remote_image_findings(subject, author.bio, "the bio")


def publish_gate(session: Session, article: Article, today: date | None = None,
                 now: datetime | None = None) -> list[Finding]:
    """What publishing ``article`` now would put on the site that must be fixed (errors) or looked at (warnings).

    The article is judged as published, whatever its status, and so are
    the bios of the authors in its byline.
    """
    now = now or now_utc()
    today = today or now.astimezone().date()
    findings = list(dict.fromkeys(
        _article_findings(
            session, article, _publication_dates(session), today, now, published=True, style=_house_style(session)
        )))
    for byline in article.bylines:
        findings += _author_findings(byline.author)
    return findings


def preflight(session: Session, published_only: bool = True, today: date | None = None) -> list[Finding]:
    """Findings for published articles (or all), and for the authors in their bylines."""
    today = today or date.today()
    now = now_utc()
    dates = _publication_dates(session)
    query = select(Article).options(
        selectinload(Article.bylines).selectinload(ArticleAuthor.author), selectinload(Article.feature_photo)
    )
    if published_only:
        query = query.where(Article.status == Status.PUBLISHED)
    findings: list[Finding] = []
    authors: dict[int, Author] = {}
    style = _house_style(session)
    for article in session.scalars(query.order_by(Article.slug)):
        # A figure used twice is one finding, not two.
        findings += dict.fromkeys(_article_findings(session, article, dates, today, now, style=style))
        for byline in article.bylines:
            authors[byline.author_id] = byline.author
    for author in sorted(authors.values(), key=lambda a: a.slug):
        findings += _author_findings(author)
    return findings
