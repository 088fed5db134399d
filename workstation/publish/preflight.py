"""Integrity and preflight: what must be fixed before a page goes out.

``integrity`` answers "is the file sound?" (the full SQLite check, which
open skips for speed, and every photo original against its SHA-256).
``preflight`` answers "would we be embarrassed or sued?": missing alt text
or credits, dangling references, expired picture rights, headlines too long
for a search result, stories without a byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from workstation.content.references import article_refs, parse_photo_ref
from workstation.errors import LibraryError
from workstation.library.models import Article, ArticleAuthor, Author, Photo, Status
from workstation.library.photos import original_damage

HEADLINE_LIMIT = 110
EXPIRY_WARNING_DAYS = 30
ERROR, WARNING = "error", "warning"
# ![alt](photo:12 "caption"): the alt text is what a screen reader says in place of the picture.
_FIGURE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\(\s*<?(photo:[^\s)>]+)")


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


def _credit(photo: Photo) -> str:
    return (photo.credit_override or photo.creator or photo.credit_line).strip()


def _photo_findings(subject: str, photo: Photo, alt: str, today: date, where: str) -> Iterable[Finding]:
    if not (alt.strip() or photo.alt_text.strip()):
        yield Finding(ERROR, "alt-text", subject, f"{where} (photo {photo.id}) has no alt text")
    if not _credit(photo):
        yield Finding(ERROR, "credit", subject, f"{where} (photo {photo.id}) has no credit")
    if photo.rights_expiry is not None:
        if photo.rights_expiry < today:
            yield Finding(ERROR, "rights-expired", subject,
                          f"{where} (photo {photo.id}): usage rights expired on {photo.rights_expiry.isoformat()}")
        elif photo.rights_expiry <= today + timedelta(days=EXPIRY_WARNING_DAYS):
            yield Finding(WARNING, "rights-expiring", subject,
                          f"{where} (photo {photo.id}): usage rights expire on {photo.rights_expiry.isoformat()}")


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
    if article.feature_photo is not None:
        yield from _photo_findings(subject, article.feature_photo, article.feature_alt, today, "lead photo")
    for alt, ref in _FIGURE.findall(article.body):
        photo_id = parse_photo_ref(ref)
        photo = session.get(Photo, photo_id) if photo_id is not None else None
        if photo is None:
            yield Finding(ERROR, "photo-reference", subject, f"refers to {ref}, which is not in the library")
        else:
            yield from _photo_findings(subject, photo, alt, today, "figure")
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
