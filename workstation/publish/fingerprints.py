"""What each page is made from, hashed without building the page.

An incremental export must decide for 1,000 pages whether each changed, in
well under the 300 ms budget, so it cannot build their views to compare
them. Instead each page's raw inputs (its article, the teasers it shows,
the photos and cards it references, and the site-wide settings and design)
are hashed; a page is re-rendered only when that hash differs from the one
in the manifest. Anything a page shows must feed its fingerprint here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from workstation.content.slugs import slug_key
from workstation.photos.shapes import RENDITION_VERSION
from workstation.publish.catalog import ArticleRecord, Catalog

# Bump when the meaning of a page's inputs changes in code rather than in templates.
PAGE_FORMAT = "3"


def _digest(data: bytes) -> str:
    # SHA-256 rather than BLAKE2b: a processor with SHA extensions (most made in recent years, this one too)
    # hashes a 3 KB body three times as fast.
    return hashlib.sha256(data).hexdigest()[:40]


def _hash(*parts: object) -> str:
    return _digest(repr(parts).encode())


class Fingerprints:
    def __init__(self, catalog: Catalog, *, design: str, base_url: str, drafts: bool, renderer: str) -> None:
        self.catalog = catalog
        self.site = _hash(
            PAGE_FORMAT,
            # The renditions' file names carry it: a page links the files of the version that makes them.
            RENDITION_VERSION,
            design,
            renderer,
            base_url,
            drafts,
            catalog.settings,
            sorted(catalog.sections.items()),
            # An avatar by its digest: the repr of a 30 KB picture took 0.4 ms, and an author's pages held it too.
            [(key, {**author._asdict(), "avatar": None if author.avatar is None else _digest(author.avatar)})
             for key, author in sorted(catalog.authors.items())],
            sorted({r.state.section_id for r in catalog.articles}, key=repr),
        )
        self._stories: dict[str, str] = {}
        self._bodies: dict[str, str] = {}
        self._photos: dict[int, str] = {}

    def body(self, record: ArticleRecord) -> str:
        key = self._bodies.get(record.slug)
        if key is None:
            key = self._bodies[record.slug] = _digest(record.state.body.encode())
        return key

    def fields(self, record: ArticleRecord) -> dict[str, object]:
        """Every field of the article's state by name, the body by its digest (a card's body is hashed once too)."""
        return {**vars(record.state), "body": self.body(record)}

    def photo(self, photo_id: int | None) -> str | None:
        """A photo's record, hashed once: a lead photo is in the inputs of every page that shows it."""
        if photo_id is None:
            return None
        key = self._photos.get(photo_id)
        if key is None:
            key = self._photos[photo_id] = _hash(self.catalog.photos.get(photo_id))
        return key

    def story(self, record: ArticleRecord) -> str:
        """A teaser's inputs (headline, summary, byline, date, image).

        The summary is the dek, or the body's opening when there is no dek
        (``PageBuilder.summary``): the body enters only then. Under a dek, an
        edited body changes its own page and the feed, not the "Latest news"
        of every page of its section and the list pages that show its teaser.
        """
        key = self._stories.get(record.slug)
        if key is None:
            state = record.state
            key = _hash(
                state.slug, state.headline, state.dek, None if state.dek.strip() else self.body(record),
                state.section_id, state.author_ids, record.date, self.photo(state.feature_photo_id),
                state.feature_alt, state.seo_description,
            )
            self._stories[record.slug] = key
        return key

    def content(self, record: ArticleRecord) -> tuple[object, ...]:
        """What an article's page and its feed entry show of it: every field, the photos and the cards of its body."""
        state = record.state
        photo_ids, slugs = self.catalog.refs(record)
        cards = []
        for slug in slugs:
            target = self.catalog.by_slug.get(slug_key(slug))
            cards.append((slug, self.fields(target) if target else None,
                          self.photo(target.state.feature_photo_id) if target else None))
        return (
            self.fields(record),
            [self.photo(i) for i in photo_ids],
            self.photo(state.feature_photo_id),
            cards,
        )

    def article(self, record: ArticleRecord, latest: Iterable[ArticleRecord]) -> str:
        return _hash(
            self.site,
            self.content(record),
            record.date,
            record.modified,
            record.corrections,
            [self.story(r) for r in latest],
        )

    def listing(self, page: str, number: int, pages: int, records: Iterable[ArticleRecord], extra: object) -> str:
        """A list page's inputs: its place, its teasers and ``extra`` (an author there by id: ``site`` holds the rest)."""
        return _hash(self.site, page, number, pages, [self.story(r) for r in records], extra)

    def feed(self, records: Iterable[ArticleRecord]) -> str:
        """The Atom feed's inputs: each entry's teaser, content (body, lead photo and caption) and dates."""
        return _hash(self.site, "feed.xml", [(self.story(r), self.content(r), r.modified) for r in records])

    def sitemap(self, entries: Iterable[tuple[str, datetime | None]]) -> str:
        """The sitemap's inputs: every page's address and last change."""
        return _hash(self.site, "sitemap.xml", list(entries))

    def icons(self, logo_sha256: str) -> str:
        """The icon files' inputs: the site name (initials) or the logo photo's content."""
        return _hash(PAGE_FORMAT, "icons", self.catalog.settings.site_name, logo_sha256)
