"""The live preview: the export's own article page, rendered from unsaved text.

The article desk calls ``page(state)`` when the page around the body changes
(headline, photo, byline...) and ``blocks(body)`` on every keystroke; the
latter renders only blocks whose text changed (the block renderer caches by
content) so the desk can patch just those into the web view.

Photos are addressed as ``ws-photo://photo/<id>/<width>`` (the desk serves
them) and the page loads ``ws-app://static/preview.js``; apart from that,
and the block wrappers, it is byte for byte the template and CSS of the
export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import select

from workstation.content.blocks import Block, BlockRenderer
from workstation.content.critic import preview_text
from workstation.content.references import photo_refs
from workstation.errors import ImageRefused
from workstation.library.article_state import article_state
from workstation.library.database import Library
from workstation.library.models import Article, Status, slug_matches
from workstation.library.publishing import now_utc
from workstation.library.settings import load_settings
from workstation.photos.avatars import image_mime
from workstation.publish import paths
from workstation.publish.catalog import ArticleRecord, ArticleState, AuthorData, Catalog, PhotoData, split_held
from workstation.publish.catalog_queries import load_neighbourhood, load_photos, publishing_history, record_of
from workstation.publish.context import Medium, PageBuilder, medium_assets
from workstation.publish.pictures import PreviewPictures
from workstation.publish.render import render_page

__all__ = ["ArticleState", "PreviewRenderer", "article_state"]


def _field(source: Any, name: str, default: Any = "") -> Any:
    if isinstance(source, Mapping):
        return source.get(name, default)
    return getattr(source, name, default)


class PreviewRenderer:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.pictures = PreviewPictures()
        self._photos: dict[int, PhotoData | None] = {}
        self._articles: dict[str, ArticleRecord | None] = {}
        self._builder: PageBuilder | None = None
        self._blocks: BlockRenderer | None = None
        self.assets = medium_assets(Medium.PREVIEW)

    # Lookups the resolver makes while the reporter types ---------------------

    def _photo(self, photo_id: int) -> PhotoData | None:
        self._load_photos([photo_id])
        return self._photos[photo_id]

    def _load_photos(self, photo_ids: Iterable[int]) -> None:
        """Fetch the photos not cached yet in one query, not one session per photo."""
        missing = [i for i in photo_ids if i not in self._photos]
        if not missing:
            return
        with self.library.session() as session:
            found = load_photos(session, missing, load_settings(session))
        for photo_id in missing:
            self._photos[photo_id] = found.get(photo_id)

    def _article(self, slug: str) -> ArticleRecord | None:
        if slug not in self._articles:
            with self.library.session() as session:
                row = session.scalars(
                    select(Article).where(slug_matches(Article.slug, slug), Article.status == Status.PUBLISHED.value)
                ).first()
                record = record_of(row) if row is not None else None
                # A scheduled article is not on the site yet: no card for it, as on the site.
                self._articles[slug] = record if record is not None and split_held([record], now_utc())[0] else None
        return self._articles[slug]

    def _renderer(self) -> BlockRenderer:
        if self._blocks is None:
            builder = self._builder or self._make_builder(ArticleState())
            self._blocks = BlockRenderer(builder.resolver())
        return self._blocks

    def _make_builder(self, state: ArticleState) -> PageBuilder:
        with self.library.session() as session:
            catalog = load_neighbourhood(session, state)
        self._builder = PageBuilder(
            catalog, self.pictures, photo_lookup=self._photo, article_lookup=self._article
        )
        return self._builder

    def invalidate(self) -> None:
        """Forget cached photos, articles and blocks (after an edit elsewhere in the library)."""
        self._photos.clear()
        self._articles.clear()
        self._builder = None
        self._blocks = None

    # The contract ----------------------------------------------------------------

    def blocks(self, body: str) -> list[Block]:
        """The body's blocks, suggestions and comments shown as marks (only here: pages never carry them)."""
        return self._renderer().render(preview_text(body))

    def body_html(self, body: str) -> Markup:
        parts = [
            f'<div class="ws-block" data-block="{escape(block.id)}">{block.html}</div>' for block in self.blocks(body)
        ]
        return Markup("\n".join(parts))

    def page(self, state: ArticleState) -> str:
        """The export's article page (``PageBuilder.article_page``) for unsaved text, body in patchable blocks."""
        builder = self._make_builder(state)
        self._load_photos({state.feature_photo_id, *photo_refs(state.body)} - {None})  # type: ignore[arg-type]
        now = datetime.now(timezone.utc)
        with self.library.session() as session:
            modified_at, corrections = publishing_history(session, state.slug)
        record = ArticleRecord(state, updated_at=now, created_at=state.published_at or now,
                               modified_at=modified_at, corrections=corrections)
        builder.catalog = builder.catalog.with_article(record)
        return builder.article_page(record, Medium.PREVIEW, body_html=self.body_html(state.body))

    def author_box(self, author_fields: Any) -> str:
        """The author box as the article page shows it, as a small page of its own."""
        avatar = _field(author_fields, "avatar", None)
        mime = str(_field(author_fields, "avatar_mime", "") or "")
        if avatar and not mime:
            try:
                mime = image_mime(bytes(avatar))
            except ImageRefused:
                avatar = None
        author = AuthorData(
            id=int(_field(author_fields, "id", 0) or 0),
            slug=str(_field(author_fields, "slug", "") or _field(author_fields, "name", "")),
            name=str(_field(author_fields, "name", "")),
            role=str(_field(author_fields, "role", "")),
            bio=str(_field(author_fields, "bio", "")),
            website="",
            location="",
            social_links=(),
            avatar=bytes(avatar) if avatar else None,
            avatar_mime=mime,
        )
        with self.library.session() as session:
            settings = load_settings(session)
        builder = PageBuilder(Catalog(settings, {}, {}, [], {}), self.pictures)
        page = paths.author_path(author.slug)
        return render_page(
            "author_box_preview.html", page, site=builder.site(), assets=self.assets, author=builder.author_view(author)
        )
