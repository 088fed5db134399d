"""Integrity and preflight: what must be fixed before a page goes out.

``integrity`` answers "is the file sound?" (the full SQLite check, which
open skips for speed, and every photo original against its SHA-256).
``preflight`` answers "would we be embarrassed or sued?": missing alt text
or credits, dangling references, expired picture rights, headlines too long
for a search result, stories without a byline, bodies past the house limits
the renderer shows as plain text (``content.bounds``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from workstation.content.markdown import body_limits
from workstation.content.markdown import image_uses
from workstation.content.references import article_refs, parse_photo_ref
from workstation.errors import LibraryError
from workstation.library.models import Article, ArticleAuthor, Author, Photo, Status
from workstation.library.photos import original_damage
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
    """Problems with the file itself; raises ``LibraryError`` when its structure is damaged."""
    try:
        results = [row[0] for row in session.execute(text("PRAGMA integrity_check(20)"))]
    except DBAPIError as exc:
        raise LibraryError(f"the library file is damaged ({exc.orig})") from None
    if results != ["ok"]:
        raise LibraryError(f"the library file is damaged ({results[0]})")
    findings = []
    rows = session.execute(
        text("SELECT p.id, p.sha256, o.data FROM photos p JOIN photo_originals o ON o.photo_id = p.id")
    )
    for photo_id, sha256, data in rows:
        damage = original_damage(data, sha256)
        if damage is not None:
            findings.append(Finding(ERROR, "damaged-photo", f"photo {photo_id}", f"{damage}; restore it from a backup"))
    missing = session.execute(
        text("SELECT id FROM photos WHERE id NOT IN (SELECT photo_id FROM photo_originals)")
    ).scalars()
    findings += [Finding(ERROR, "missing-original", f"photo {pid}", "the original file is missing") for pid in missing]
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
    if photo.width and photo.height and not in_proportion(photo.width, photo.height):
        # An older library may hold such a photo: it is published, stretched.
        yield Finding(WARNING, "photo-shape", subject,
                      f"{where} (photo {photo.id}) is {photo.width} × {photo.height} px, too thin to publish "
                      f"in proportion; it is stretched to fit {min(MAX_SIDE.values()):,} px")


def _article_findings(
    session: Session, article: Article, statuses: dict[str, str], today: date
) -> Iterable[Finding]:
    subject = f"article {article.slug}"
    if not article.headline.strip():
        yield Finding(ERROR, "headline", subject, "has no headline")
    elif len(article.headline) > HEADLINE_LIMIT:
        yield Finding(WARNING, "headline", subject,
                      f"headline is {len(article.headline)} characters (over {HEADLINE_LIMIT}; search results cut it)")
    if article.status == Status.PUBLISHED and not article.bylines:
        yield Finding(ERROR, "byline", subject, "is published without a byline")
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
    for slug in dict.fromkeys(article_refs(article.body)):
        if slug not in statuses:
            yield Finding(ERROR, "article-reference", subject, f"links to [[{slug}]], which is not in the library")
        elif article.status == Status.PUBLISHED and statuses[slug] != Status.PUBLISHED:
            yield Finding(WARNING, "article-reference", subject, f"links to [[{slug}]], which is not published")


def preflight(session: Session, published_only: bool = True, today: date | None = None) -> list[Finding]:
    """Findings for published articles (or all), and for the authors in their bylines."""
    today = today or date.today()
    statuses = dict(session.execute(select(Article.slug, Article.status)).all())
    query = select(Article).options(
        selectinload(Article.bylines).selectinload(ArticleAuthor.author), selectinload(Article.feature_photo)
    )
    if published_only:
        query = query.where(Article.status == Status.PUBLISHED)
    findings: list[Finding] = []
    authors: dict[int, Author] = {}
    for article in session.scalars(query.order_by(Article.slug)):
        # A figure used twice is one finding, not two.
        findings += dict.fromkeys(_article_findings(session, article, statuses, today))
        for byline in article.bylines:
            authors[byline.author_id] = byline.author
    for author in sorted(authors.values(), key=lambda a: a.slug):
        if not author.bio.strip():
            findings.append(Finding(WARNING, "author-bio", f"author {author.slug}", "has no bio"))
    return findings
