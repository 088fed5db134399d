"""``export_site``: the library as a static site in OUTDIR.

Order of work: snapshot the library; for every page hash its inputs and
skip it when the manifest holds the same hash (the file is already right)
or write it from the render cache; render the rest (on every core where
that is safe, see ``parallel``) and write each as it comes back, while the
same workers go on to encode the renditions the pages use that the cache
lacks (queued behind the pages, so they keep the cores busy while this
process writes the feed and the sitemap); finally delete what is no
longer published. Cancelling (or Ctrl-C) between files leaves only
whole files and a manifest that knows every one of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from workstation.content.components import figure_html
from workstation.content.markdown import render_markdown, render_markdown_for
from workstation.errors import PublishError, WorkstationError
from workstation.library.database import Library
from workstation.photos.rights import RightsMetadata
from workstation.publish import feeds, paths
from workstation.publish.catalog import (
    ArticleRecord,
    AuthorData,
    Catalog,
    SectionData,
)
from workstation.publish.catalog_reader import read_catalog
from workstation.publish.caches import forget_shared, rendition_cache
from workstation.publish.context import Medium, PageBuilder
from workstation.publish.fingerprints import Fingerprints
from workstation.publish.icons import icon_files, site_icons
from workstation.publish.images import (
    FALLBACK_WIDTH,
    SOCIAL_ASPECTS,
    SOCIAL_WIDTH,
    Encoder,
    RenditionCache,
    RenditionKey,
    default_cache_dir,
    library_originals,
    photo_count,
)
from workstation.publish.pageviews import ListView, Meta, Pager
from workstation.publish.parallel import available_cores, default_workers, job_pool, render_all
from workstation.publish.pictures import ExportPictures, responsive_set
from workstation.publish.render import (
    design_version,
    environment,
    linker,
    render_page,
    site_script,
    stylesheet,
)
from workstation.publish.rendercache import RenderCache, renderer_version
from workstation.publish.report import ExportReport
from workstation.publish.stamp import export_stamp
from workstation.publish.writer import SiteWriter

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


# Every template a page of the site is rendered from, the ones they include too: loaded once
# before workers are forked (a template first loaded in a worker is compiled in each).
PAGE_TEMPLATES = (
    "article.html", "list.html", "author.html", "base.html", "_author_box.html", "_corrections.html", "_macros.html",
)


def _pages(count: int) -> int:
    return max(1, -(-count // paths.PAGE_SIZE))


@dataclass(frozen=True)
class _Rendered:
    """A rendered page (encoded where it was rendered: a forked worker sends bytes as they are, while
    text is encoded to be sent, decoded and encoded again to be written) and, when its article's body
    had to be rendered, that body for the render cache (under ``body_key``) and, for an article in the
    feed, the body as the feed shows it (from the same parse)."""

    data: bytes
    body: str | None = None
    feed_body: str | None = None
    body_key: str = ""


@dataclass(frozen=True)
class _Pending:
    """A page that must be rendered: where it goes, its inputs' fingerprint, and how to render it."""

    page: str
    inputs: str
    render: Callable[[], _Rendered]


class _Export:
    def __init__(self, library: Library, writer: SiteWriter, catalog: Catalog, *, base_url: str, drafts: bool,
                 cache_root: Path, progress: Progress | None, cancel: Cancel | None, workers: int | None) -> None:
        self.library = library
        self.workers = workers
        self.pending: list[_Pending] = []
        # Photos whose renditions (and, for lead photos, link-preview crops) are planned already.
        self.planned_photos: set[int | None] = set()
        self.planned_leads: set[int | None] = set()
        self.planned_teasers: set[int | None] = set()
        self.writer = writer
        self.catalog = catalog
        self.base_url = base_url
        self.drafts = drafts
        self.cache_root = cache_root
        self._renditions_cache: RenditionCache | None = None
        # Renditions already in the folder from an earlier export (``SiteWriter.keep``), by OUTDIR path.
        self.kept: set[str] = set()
        # Renditions and avatar files (by OUTDIR path) the exporting process knew when the workers forked.
        self.known: set[str] = set()
        self.cache = RenderCache(library, store=True)
        self.pictures = ExportPictures()
        self.builder = PageBuilder(catalog, self.pictures, base_url=base_url)
        # The feed's entries link from the site's root (or absolutely, with a base URL); an entry's
        # body comes from the parse of its page's body when that page is rendered (``feed_bodies``).
        self.feed_builder = PageBuilder(catalog, self.pictures, base_url=base_url, absolute_links=bool(base_url))
        self.feed_pages = {paths.article_path(record.slug) for record in catalog.articles[: feeds.FEED_SIZE]}
        self.feed_bodies: dict[str, str] = {}
        self.site = self.builder.site()
        self.assets = self.builder.site_assets()
        self.prints = Fingerprints(
            catalog, design=design_version(), base_url=base_url, drafts=drafts, renderer=renderer_version()
        )
        self.progress = progress
        self.cancel = cancel
        self.done = 0
        self.total = 0
        self.warnings: list[str] = []
        self.sitemap: list[tuple[str, datetime | None]] = []
        used = dict.fromkeys(record.state.section_id for record in catalog.articles)
        self.by_section: dict[int, list[ArticleRecord]] = {
            section_id: catalog.in_section(section_id) for section_id in used if section_id in catalog.sections  # type: ignore[misc]
        }
        self.by_tag: dict[str, tuple[str, list[ArticleRecord]]] = {}
        for record in catalog.articles:
            for name in record.state.tags:
                if name.strip():
                    self.by_tag.setdefault(paths.tag_path(name), (name, []))[1].append(record)
        self.by_author: dict[int, list[ArticleRecord]] = {}
        for record in catalog.articles:
            for author_id in dict.fromkeys(record.state.author_ids):
                if author_id in catalog.authors:
                    self.by_author.setdefault(author_id, []).append(record)

    @property
    def renditions_cache(self) -> RenditionCache:
        """Opened at first need: a library's first export stores its id through the ORM, which nothing before needs."""
        if self._renditions_cache is None:
            self._renditions_cache = rendition_cache(self.library, self.cache_root)
        return self._renditions_cache

    def photo_rights(self, photo_id: int) -> RightsMetadata:
        """The rights a rendition of a photo embeds, from the catalog (no photo is encoded that it lacks)."""
        photo = self.builder.photo(photo_id)
        if photo is None:
            raise PublishError(f"photo {photo_id} is not in the library")
        return photo.info.rights

    def step(self, label: str) -> None:
        if self.cancel is not None and self.cancel():
            raise PublishError("export cancelled; every file written so far is complete")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, label)

    def store(self, page: str, inputs: str, data: bytes) -> None:
        """A page's bytes into the folder, and into the render cache under its inputs."""
        if inputs:
            self.cache.put_data(RenderCache.page_key(page, inputs), data)
        self.writer.put(page, data, inputs)

    def reuse(self, page: str, inputs: str) -> bool:
        """Skip a page whose file is already right, or write it from the cache; False if it must be rendered."""
        key = RenderCache.page_key(page, inputs)
        if self.writer.fresh(page, inputs):
            self.cache.touch(key)
            return True
        cached = self.cache.get(key)
        if cached is None:
            return False
        self.writer.put(page, cached.encode("utf-8"), inputs)
        return True

    # Article pages ------------------------------------------------------------

    def register_images(self, record: ArticleRecord) -> None:
        """Plan the renditions a page uses even when the page itself is skipped, so they are kept.

        Each photo is planned once per export, however many pages show it.
        """
        builder = self.builder
        lead_id = record.state.feature_photo_id
        photo_ids, slugs = self.catalog.refs(record)
        shown = [lead_id, *photo_ids]
        for slug in slugs:
            target = builder.article(slug)
            shown.append(target.state.feature_photo_id if target else None)
        for photo_id in shown:
            if photo_id in self.planned_photos:
                continue
            self.planned_photos.add(photo_id)
            photo = builder.photo(photo_id)
            if photo is not None:
                responsive_set(self.pictures, photo)
        if lead_id not in self.planned_leads:
            self.planned_leads.add(lead_id)
            lead = builder.photo(lead_id)
            if lead is not None:
                for aspect in SOCIAL_ASPECTS:
                    self.pictures.source(lead, SOCIAL_WIDTH, "jpeg", aspect)

    def body_key(self, record: ArticleRecord, page: str) -> str:
        resolver = self.builder.resolver(page)
        return RenderCache.body_key(page, resolver.fingerprint(record.state.body, *self.catalog.refs(record)))

    def render_article(self, record: ArticleRecord, page: str, body: str | None, key: str) -> _Rendered:
        """The page, with the body given (from the cache) or rendered here (then returned for the cache too,
        under ``key``, worked out here when not given, and in the feed's form for an article in the feed)."""
        if body is not None:
            return _Rendered(self.builder.article_page(record, Medium.SITE, body_html=Markup(body)).encode("utf-8"))
        resolvers = [self.builder.resolver(page)]
        if page in self.feed_pages:
            resolvers.append(self.feed_builder.resolver(feeds.FEED))
        bodies = render_markdown_for(record.state.body, resolvers)
        html = self.builder.article_page(record, Medium.SITE, body_html=Markup(bodies[0]))
        return _Rendered(html.encode("utf-8"), bodies[0], bodies[1] if len(bodies) > 1 else None,
                         key or self.body_key(record, page))

    def plan_articles(self) -> list[tuple[ArticleRecord, str]]:
        """Every article page with its input fingerprint (latest-news list included); cached pages fetched at once."""
        planned = [
            (record, self.prints.article(record, self.catalog.latest_in_section(record)))
            for record in self.catalog.articles
        ]
        self.cache.prefetch([
            RenderCache.page_key(paths.article_path(record.slug), inputs)
            for record, inputs in planned
            if not self.writer.known(paths.article_path(record.slug), inputs)
        ])
        return planned

    def articles(self) -> None:
        """Every article page written from the folder or the cache, or queued to render with its cached body if any.

        With nothing cached (a first export) no body is looked up, and each
        body's cache key is worked out where the body is rendered: in a worker.
        """
        cached = self.cache.holds_any()
        queued: list[tuple[ArticleRecord, str, str, str]] = []
        for record, inputs in self.plan_articles():
            page = paths.article_path(record.slug)
            self.register_images(record)
            self.sitemap.append((page, record.modified))
            if self.reuse(page, inputs):
                self.step(page)
            else:
                queued.append((record, page, inputs, self.body_key(record, page) if cached else ""))
        self.cache.prefetch([key for *_, key in queued if key])
        for record, page, inputs, key in queued:
            body = self.cache.get(key) if cached else None
            self.pending.append(_Pending(page, inputs, partial(self.render_article, record, page, body, key)))

    def write_rendered(self, pending: list[_Pending], results: Iterator[_Rendered], encoder: Encoder) -> None:
        """Write each rendered page as it arrives, keeping the encoder fed meanwhile."""
        for item, rendered in zip(pending, results):
            if rendered.body is not None:
                self.cache.put(rendered.body_key, rendered.body)
            if rendered.feed_body is not None:
                self.feed_bodies[item.page] = rendered.feed_body
            self.store(item.page, item.inputs, rendered.data)
            self.step(item.page)
            encoder.pump()

    def missing_renditions(self) -> list[RenditionKey]:
        """The planned renditions the folder lacks, by path; one an earlier export left in place is kept
        (its name fixes its content)."""
        missing = []
        for path, key in sorted(self.pictures.wanted.items()):
            if path in self.kept:
                continue
            if self.writer.keep(path):
                self.kept.add(path)
            else:
                missing.append(key)
        return missing

    def planned(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        """What rendering pages planned besides the pages, and this process did not know yet: renditions and
        avatar files (read in a worker; each worker sends each once, not with every chunk)."""
        wanted = {path: key for path, key in self.pictures.wanted.items() if path not in self.known}
        avatars = {path: data for path, data in self.builder.avatar_files.items() if path not in self.known}
        self.known.update(wanted, avatars)
        return wanted, avatars

    def merge(self, state: tuple[dict[str, Any], dict[str, bytes]]) -> None:
        wanted, avatars = state
        self.pictures.wanted.update(wanted)
        self.builder.avatar_files.update(avatars)

    # Lists ------------------------------------------------------------------

    def listing(self, records: Sequence[ArticleRecord], path_of: Callable[[int], str], view: ListView,
                description: str, *, template: str = "list.html", current_section: str = "",
                author: AuthorData | None = None) -> None:
        pages = _pages(len(records))
        planned = []
        for number in range(1, pages + 1):
            chunk = records[(number - 1) * paths.PAGE_SIZE : number * paths.PAGE_SIZE]
            page = path_of(number)
            self.sitemap.append((page, chunk[0].modified if chunk else None))
            for record in chunk:
                # Planned once per photo: a thousand teasers show a handful of photos.
                if record.state.feature_photo_id not in self.planned_teasers:
                    self.planned_teasers.add(record.state.feature_photo_id)
                    self.builder.teaser_image(self.builder.photo(record.state.feature_photo_id))
            inputs = self.prints.listing(page, number, pages, chunk,
                                         (template, view, description, author.id if author else None))
            planned.append((number, chunk, page, inputs))
        self.cache.prefetch([
            RenderCache.page_key(page, inputs) for _n, _c, page, inputs in planned if not self.writer.known(page, inputs)
        ])
        for number, chunk, page, inputs in planned:
            if self.reuse(page, inputs):
                self.step(page)
                continue
            title = view.title if number == 1 else f"{view.title} (page {number})"
            pager = Pager(number, pages, path_of(number - 1) if number > 1 else "",
                          path_of(number + 1) if number < pages else "")
            about = description or self.site.description or self.site.name
            # Planned here, not in a render worker: the pictures it names are already the parent's to encode.
            image = (self.builder.avatar_image(author, page) if author else None) or self.builder.list_image(chunk, page)
            meta = Meta(title=self.builder.title(title), description=about, social_title=title,
                        canonical=paths.public_url(self.base_url, page), og_type="profile" if author else "website",
                        # Link previews fetch the picture by its address: only an absolute URL will do.
                        image=image if image.url.startswith(("http://", "https://")) else None)
            render = partial(self.render_listing, template, page, view, chunk, pager, meta, current_section, author)
            self.pending.append(_Pending(page, inputs, render))

    def render_listing(self, template: str, page: str, view: ListView, chunk: Sequence[ArticleRecord], pager: Pager,
                       meta: Meta, current_section: str, author: AuthorData | None) -> _Rendered:
        extra = {"author": self.builder.author_view(author)} if author else {}
        jsonld = self.builder.list_jsonld(page, meta.social_title, meta.description, chunk, author)
        html = render_page(template, page, site=self.site, assets=self.assets, list=view,
                           items=tuple(self.builder.story(r) for r in chunk), pager=pager, meta=meta, jsonld=jsonld,
                           current_section=current_section, **extra)
        return _Rendered(html.encode("utf-8"))

    def section_pages(self, section: SectionData, records: list[ArticleRecord]) -> None:
        self.listing(
            records,
            lambda n: paths.section_path(section.slug, n),
            ListView(section.name, "Section", section.description),
            section.description or f"The latest from {section.name}.",
            current_section=paths.section_path(section.slug),
        )

    def author_pages(self, author: AuthorData, records: list[ArticleRecord]) -> None:
        about = " ".join(part for part in (author.role, self.builder.summary_of_bio(author)) if part)
        self.listing(
            records,
            lambda n: paths.author_path(author.slug, n),
            ListView(author.name, "", ""),
            about or f"Articles by {author.name}.",
            template="author.html",
            author=author,
        )

    def tag_pages(self, name: str, records: list[ArticleRecord]) -> None:
        self.listing(
            records,
            lambda n: paths.tag_path(name, n),
            ListView(name, "Tag", ""),
            f"Articles tagged {name}.",
        )

    # The rest ---------------------------------------------------------------

    def run(self) -> None:
        catalog = self.catalog
        paths.check_collisions((record.slug for record in catalog.articles), paths.article_path, "page")
        self.total = (
            len(catalog.articles) + _pages(len(catalog.articles))
            + sum(_pages(len(v)) for v in self.by_section.values())
            + sum(_pages(len(v)) for v in self.by_author.values())
            + sum(_pages(len(v)) for _, v in self.by_tag.values()) + 2
        )
        self.writer.put("static/site.css", stylesheet().encode("utf-8"))
        self.writer.put("static/site.js", site_script().encode("utf-8"))
        # Avatars are files of their own, kept even when every page that shows them is unchanged.
        for author_id in self.by_author:
            self.builder.avatar(catalog.authors[author_id])
        self.articles()
        settings = catalog.settings
        self.listing(catalog.articles, paths.front_path,
                     ListView(settings.site_name, "", settings.site_description, feature_first=True),
                     settings.site_description)
        for section_id, records in self.by_section.items():
            self.section_pages(catalog.sections[section_id], records)
        for author_id, records in self.by_author.items():
            self.author_pages(catalog.authors[author_id], records)
        for name, records in self.by_tag.values():
            self.tag_pages(name, records)
        tasks = [item.render for item in self.pending]
        # What the workers start out knowing, so that they send back only what their pages add (``planned``).
        self.known = set(self.pictures.wanted) | set(self.builder.avatar_files)
        # One pool for pages and photos: forked workers for the pages when that pays (``default_workers``),
        # and for the photos whenever forking is safe, as many as there are cores (and photos to encode).
        page_workers = self.workers if self.workers is not None else default_workers(len(tasks))
        photo_workers = min(available_cores(), photo_count(self.pictures.wanted.values()))
        if page_workers > 1:
            for name in PAGE_TEMPLATES:
                environment().get_template(name)
        with library_originals(self.library, self.photo_rights) as load, job_pool(
            max(page_workers, photo_workers), True if page_workers > 1 else None,
            pages=tasks if page_workers > 1 else (), collect=self.planned,
        ) as pool:
            pending, self.pending = self.pending, []
            results = render_all(tasks, pool, merge=self.merge)
            # Made after the pages are queued (and the workers forked): a library's first export
            # stores the library's id here, through the ORM, which the workers need not hold.
            encoder = Encoder(self.renditions_cache, pool, load, workers=max(1, photo_workers), cancel=self.cancel)
            encoder.start(self.missing_renditions())
            self.write_rendered(pending, results, encoder)
            self.extras()
            # Stored now, while the workers still encode photos.
            self.cache.close()
            self.step("feed, sitemap and avatars")
            self.warnings += encoder.finish(self.missing_renditions(), lambda key, data: self.writer.put(key.relpath, data))
        if self.cancel is not None and self.cancel():
            raise PublishError("export cancelled; every file written so far is complete")
        self.renditions_cache.evict()
        self.step("photos")

    def extras(self) -> None:
        """The 404 page and the feed (each only when its inputs changed), sitemap, robots.txt and avatars."""
        newest = self.catalog.articles[:6]
        inputs = self.prints.listing("404.html", 1, 1, newest, "404")
        # Like the pages, the 404 page and the feed come from the render cache into a new folder.
        if not self.reuse("404.html", inputs):
            meta = Meta(title=self.builder.title("Page not found"), description="This page does not exist.",
                        social_title="Page not found", robots="noindex")
            # A server answers any missing address with this page, at any depth: with a
            # base URL its links are absolute so they work from wherever it is shown.
            html = render_page("404.html", "404.html", base_url=self.base_url, site=self.site, assets=self.assets,
                               meta=meta, jsonld=None, items=tuple(self.builder.story(r) for r in newest),
                               current_section="")
            self.store("404.html", inputs, html.encode("utf-8"))
        entries = self.catalog.articles[: feeds.FEED_SIZE]
        inputs = self.prints.feed(entries)
        if not self.reuse("feed.xml", inputs):
            feed = feeds.atom_feed(self.catalog, self.base_url, self.feed_entries(entries))
            self.store("feed.xml", inputs, feed)
        inputs = self.prints.sitemap(self.sitemap)
        # A thousand addresses take longer to lay out as XML than their inputs take to hash.
        if not self.writer.fresh("sitemap.xml", inputs):
            self.writer.put("sitemap.xml", feeds.sitemap(self.base_url, self.sitemap), inputs)
        self.writer.put(feeds.NEWS_SITEMAP, feeds.news_sitemap(
            self.base_url, self.site.name, self.site.language, self.catalog.articles, datetime.now(timezone.utc)))
        self.writer.put("robots.txt", feeds.robots(self.base_url, self.drafts))
        for relpath, data in self.builder.avatar_files.items():
            self.writer.put(relpath, data)
        self.icons()

    def icons(self) -> None:
        """The icon and logo files (``publish.icons``), made again only when the name or logo photo changed.

        Into a new folder they come from the render cache, as pages do.
        """
        logo = self.builder.logo_photo()
        inputs = self.prints.icons(logo.info.sha256 if logo else "")
        files = icon_files(logo is not None)
        if all([self.writer.fresh(path, inputs) for path in files]):
            return
        cached = {path: self.cache.get_data(RenderCache.page_key(path, inputs)) for path in files}
        if all(data is not None for data in cached.values()):
            for relpath, data in cached.items():
                self.writer.put(relpath, data, inputs)  # type: ignore[arg-type]
            return
        original = None
        if logo is not None:
            # The ORM only when the icons must be drawn again: most exports never import it.
            from workstation.library.photos import load_original

            try:
                with self.library.session() as session:
                    original = load_original(session, logo.info.id)
            except WorkstationError as exc:
                # The pages link the PNG icon, which the drawn set has too.
                self.warnings.append(f"logo photo: {exc}; the icon is drawn from the site name")
        for relpath, data in site_icons(self.catalog.settings.site_name, original).items():
            self.writer.put(relpath, data, inputs)
            if logo is None or original is not None:
                # Not icons drawn in place of a logo that would not load: the next export tries the logo again.
                self.cache.put_data(RenderCache.page_key(relpath, inputs), data)

    def feed_entries(self, records: Sequence[ArticleRecord]) -> dict[str, feeds.FeedEntry]:
        """Each entry's summary, lead figure and body, its links absolute (or relative to the feed at the root).

        A body is taken from the parse of its page's body when this export
        rendered that, else from the render cache, else rendered here; the
        cache keeps each, as it keeps the pages' bodies, so that a feed made
        again for one edited article renders that article's body alone.
        """
        builder = self.feed_builder
        url = linker(feeds.FEED, self.base_url)
        # One resolver for every entry: they are all resolved from the feed's own address.
        resolver = builder.resolver(feeds.FEED)
        keys = {
            # Keyed by the entry's own name, so that storing an article's new body drops its old one.
            record.slug: RenderCache.body_key(f"{feeds.FEED}/{paths.article_path(record.slug)}",
                                              resolver.fingerprint(record.state.body, *self.catalog.refs(record)))
            for record in records
        }
        self.cache.prefetch([
            key for slug, key in keys.items() if paths.article_path(slug) not in self.feed_bodies
        ])
        entries = {}
        for record in records:
            lead = builder.lead(record, url)
            key = keys[record.slug]
            body = self.feed_bodies.get(paths.article_path(record.slug))
            if body is None:
                body = self.cache.get(key)
                if body is None:
                    body = render_markdown(record.state.body, resolver)
                    self.cache.put(key, body)
            else:
                self.cache.put(key, body)
            image = builder.photo(record.state.feature_photo_id)
            planned = self.pictures.source(image, FALLBACK_WIDTH) if image is not None else None
            entries[record.slug] = feeds.FeedEntry(
                summary=self.builder.description(record),
                content=(figure_html(lead, classes=("figure--lead",)) if lead else "") + body,
                image_url=url(self.pictures.address(planned)) if planned is not None else "",
                image_width=planned.width if planned is not None else 0,
                image_height=planned.height if planned is not None else 0,
            )
        return entries

def export_site(
    library: Library,
    outdir: Path | str,
    *,
    base_url: str | None = None,
    drafts: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    cache_dir: Path | None = None,
    now: datetime | None = None,
    workers: int | None = None,
) -> ExportReport:
    """Publish the library into ``outdir``; raises ``PublishError`` and leaves only whole files.

    Rendered pages are cached in the library (stored only when this
    process may write it); ``cache_dir`` is the root of the renditions
    cache outside it (the user's cache folder by default; see ``caches``).
    Articles scheduled after ``now`` (the clock by default) are held back
    and listed in the report; the first one's time goes into the manifest,
    so the next export after it is not taken for an unchanged one.
    ``workers`` is how many processes render pages: by default every core
    when this process has no other thread (``parallel.default_workers``),
    else this process alone; the pages are the same either way.
    """
    started = time.perf_counter()
    base = paths.site_base_url(base_url)
    writer = SiteWriter.open(Path(outdir))
    cache_root = Path(cache_dir) if cache_dir else default_cache_dir()
    try:
        forget_shared(cache_root)
        with library.reading() as plain:
            # The marker comes first, in the snapshot's own transaction, read in plain SQL (no ORM import).
            marker, catalog = read_catalog(plain, drafts=drafts, now=now)
        writer.articles = len(catalog.articles)
        if catalog.held:
            writer.release = catalog.held[0].state.published_at.isoformat()  # type: ignore[union-attr]
        job = _Export(library, writer, catalog, base_url=base, drafts=drafts,
                      cache_root=cache_root, progress=progress, cancel=cancel, workers=workers)
        try:
            job.run()
        finally:
            job.cache.close()
    except BaseException:
        writer.abandon()
        raise
    # An export that had to leave something out (a photo that would not encode) is not
    # stamped: the next one must try again even if the library has not changed.
    writer.stamp = "" if job.warnings else export_stamp(marker, base_url=base_url, drafts=drafts)
    removed = writer.finish()
    return ExportReport(
        outdir=Path(outdir),
        articles=len(catalog.articles),
        written=writer.written,
        unchanged=writer.unchanged,
        removed=removed,
        from_cache=job.cache.hits,
        seconds=time.perf_counter() - started,
        warnings=job.warnings,
        held=[(r.slug, r.state.published_at) for r in catalog.held],  # type: ignore[misc]
    )
