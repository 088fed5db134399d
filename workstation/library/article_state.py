"""An article's fields as plain data: what the editor holds, and what a page is built from.

The desk edits an ``ArticleState`` (saved or not), the application layer
writes one, and the page builders read one, so the live preview of unsaved
text and the export of stored text are fed the same way. Frozen, so two
states compare by value: "the desk shows what the file holds" is simply
``shown == stored``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from workstation.library.statuses import Status

if TYPE_CHECKING:
    from workstation.library.models import Article


@dataclass(frozen=True)
class ArticleState:
    """An article's fields as the editor holds them, saved or not."""

    slug: str = ""
    headline: str = ""
    dek: str = ""
    body: str = ""
    section_id: int | None = None
    author_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = Status.DRAFT.value
    published_at: datetime | None = None
    feature_photo_id: int | None = None
    feature_caption: str = ""
    feature_alt: str = ""
    seo_title: str = ""
    seo_description: str = ""
    word_target: int = 0


def article_state(article: Article) -> ArticleState:
    """The stored article as plain data: bylines in order, tags by name (as the file returns them)."""
    return ArticleState(
        slug=article.slug,
        headline=article.headline,
        dek=article.dek,
        body=article.body,
        section_id=article.section_id,
        author_ids=tuple(b.author_id for b in article.bylines),
        tags=tuple(sorted(t.name for t in article.tags)),
        status=article.status,
        published_at=article.published_at,
        feature_photo_id=article.feature_photo_id,
        feature_caption=article.feature_caption,
        feature_alt=article.feature_alt,
        seo_title=article.seo_title,
        seo_description=article.seo_description,
        word_target=article.word_target or 0,
    )
