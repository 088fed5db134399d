"""``export_site``: the library as a static site in OUTDIR.

Order of work: snapshot the library, build every page's views, skip pages
whose inputs match the manifest, render and write the rest, then encode the
renditions the pages asked for, and finally delete what is no longer
published. Cancelling (or Ctrl-C) between files leaves only whole files and
a manifest that knows every one of them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from workstation.content.markdown import render_markdown
from workstation.content.references import article_refs, photo_refs
from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.library.photos import load_original, rights_of
from workstation.library.models import Photo
from workstation.publish import feeds, paths
from workstation.publish.catalog import ArticleRecord, Catalog, load_catalog
from workstation.publish.context import PageBuilder
from workstation.publish.images import RenditionCache, encode_all
from workstation.publish.pageviews import Assets, ListView, Meta, Pager, StoryView
from workstation.publish.pictures import ExportPictures
from workstation.publish.render import design_version, render_page, site_script, stylesheet
from workstation.publish.writer import SiteWriter

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass
class ExportReport:
    outdir: Path
    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.articles} articles exported to {self.outdir}: {len(self.written)} files written, "
            f"{self.unchanged} unchanged, {len(self.removed)} removed"
        )


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class _Export:
    def __init__(
        self,
        library: Library,
        writer: SiteWriter,
        catalog: Catalog,
        base_url: str,
        drafts: bool,
        cache: RenditionCache,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        self.library = library
        self.writer = writer
        self.catalog = catalog
        self.base_url = base_url
        self.drafts = drafts
        self.cache = cache
        self.pictures = ExportPictures()
        self.builder = PageBuilder(catalog, self.pictures, base_url=base_url)
        self.site = self.builder.site()
        self.assets = Assets()
        self.design = design_version()
        self.progress = progress
        self.cancel = cancel
        self.done = 0
        self.total = 0
        self.sitemap: list[tuple[str, datetime | None]] = []
        self.bodies: dict[str, Markup] = {}

    def step(self, label: str) -> None:
        if self.cancel is not None and self.cancel():
            raise PublishError("export cancelled; every file written so far is complete")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, label)

    def page(self, template: str, page: str, context: dict[str, Any], body: Callable[[], Markup] | None = None,
             extra: str = "") -> None:
        inputs = _fingerprint(self.design, template, page, sorted(context.items()), extra)
        if self.writer.fresh(page, inputs):
            return
        if body is not None:
            context["article"] = replace(context["article"], body_html=body())
        html = render_page(template, page, site=self.site, assets=self.assets, **context)
        self.writer.put(page, html.encode("utf-8"), inputs)

    def article(self, record: ArticleRecord) -> None:
        page = paths.article_path(record.slug)
        builder = self.builder
        resolver = builder.resolver(page)
        body_text = record.state.body
        body_key = resolver.fingerprint(body_text, photo_refs(body_text), article_refs(body_text))
        social = builder.social_images(record, page)
        latest, more = builder.latest(record)
        context = {
            "article": builder.article_view(record, page),
            "meta": builder.article_meta(record, page, social),
            "jsonld": builder.jsonld(record, page, social),
            "latest": latest,
            "latest_more": more,
            "preview": False,
            "current_section": builder.section_link(record.state.section_id).path
            if record.state.section_id in self.catalog.sections
            else "",
        }

        def body() -> Markup:
            if body_key not in self.bodies:
                self.bodies[body_key] = Markup(render_markdown(body_text, resolver))
            return self.bodies[body_key]

        self.page("article.html", page, context, body, body_key)
        self.sitemap.append((page, record.modified))

    def listing(
        self,
        records: list[ArticleRecord],
        path_of: Callable[[int], str],
        view: ListView,
        meta_title: str,
        description: str,
        template: str = "list.html",
        current_section: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        pages = max(1, -(-len(records) // paths.PAGE_SIZE))
        for number in range(1, pages + 1):
            chunk = records[(number - 1) * paths.PAGE_SIZE : number * paths.PAGE_SIZE]
            page = path_of(number)
            items: tuple[StoryView, ...] = tuple(self.builder.story(r) for r in chunk)
            pager = Pager(
                number, pages, path_of(number - 1) if number > 1 else "", path_of(number + 1) if number < pages else ""
            )
            title = meta_title if number == 1 else f"{meta_title} (page {number})"
            meta = Meta(
                title=self.builder.title(title),
                description=description or self.site.description or self.site.name,
                social_title=title,
                canonical=paths.public_url(self.base_url, page),
            )
            context = {
                "list": view,
                "items": items,
                "pager": pager,
                "meta": meta,
                "jsonld": None,
                "current_section": current_section,
                **(extra or {}),
            }
            self.page(template, page, context)
            self.sitemap.append((page, chunk[0].modified if chunk else None))
            self.step(page)

    def run(self) -> None:
        catalog = self.catalog
        sections = {s.id: s for s in catalog.sections.values()}
        authors = catalog.authors
        by_section: dict[int, list[ArticleRecord]] = {}
        by_author: dict[int, list[ArticleRecord]] = {}
        for record in catalog.articles:
            if record.state.section_id in sections:
                by_section.setdefault(record.state.section_id, []).append(record)
            for author_id in record.state.author_ids:
                if author_id in authors:
                    by_author.setdefault(author_id, []).append(record)
        self._check_collisions()
        pages_of = lambda n: max(1, -(-n // paths.PAGE_SIZE))  # noqa: E731
        self.total = (
            len(catalog.articles)
            + pages_of(len(catalog.articles))
            + sum(pages_of(len(v)) for v in by_section.values())
            + sum(pages_of(len(v)) for v in by_author.values())
            + 2
        )
        self.writer.put("static/site.css", stylesheet().encode("utf-8"))
        self.writer.put("static/site.js", site_script().encode("utf-8"))
        for record in catalog.articles:
            self.article(record)
            self.step(paths.article_path(record.slug))
        settings = catalog.settings
        self.listing(
            catalog.articles,
            paths.front_path,
            ListView(settings.site_name, "", settings.site_description, feature_first=True),
            settings.site_name,
            settings.site_description,
        )
        for section_id, records in by_section.items():
            section = sections[section_id]
            self.listing(
                records,
                lambda n, s=section.slug: paths.section_path(s, n),
                ListView(section.name, "Section", section.description),
                section.name,
                section.description,
                current_section=paths.section_path(section.slug),
            )
        for author_id, records in by_author.items():
            author = authors[author_id]
            view = self.builder.author_view(author)
            self.listing(
                records,
                lambda n, s=author.slug: paths.author_path(s, n),
                ListView(author.name, "", ""),
                author.name,
                (author.role + ". " if author.role else "") + self.builder.summary_of_bio(author),
                template="author.html",
                extra={"author": view},
            )
        self.extras()
        self.step("avatars")
        for relpath, data in self.builder.avatar_files.items():
            self.writer.put(relpath, data)
        self.renditions()
        self.step("renditions")

    def extras(self) -> None:
        latest = tuple(self.builder.story(r) for r in self.catalog.articles[:6])
        meta = Meta(title=self.builder.title("Page not found"), description="This page does not exist.",
                    social_title="Page not found", robots="noindex")
        html = render_page("404.html", "404.html", site=self.site, assets=self.assets, meta=meta, jsonld=None,
                           items=latest, current_section="")
        self.writer.put("404.html", html.encode("utf-8"))
        summaries = {r.slug: self.builder.description(r) for r in self.catalog.articles[: feeds.FEED_SIZE]}
        self.writer.put("feed.xml", feeds.atom_feed(self.catalog, self.base_url, summaries))
        self.writer.put("sitemap.xml", feeds.sitemap(self.base_url, self.sitemap))
        self.writer.put("robots.txt", feeds.robots(self.base_url, self.drafts))

    def renditions(self) -> None:
        wanted = [k for path, k in sorted(self.pictures.wanted.items()) if not self.writer.keep(path)]
        if not wanted:
            return
        session = self.library.session()

        def load(photo_id: int):  # type: ignore[no-untyped-def]
            photo = session.get(Photo, photo_id)
            if photo is None:
                raise PublishError(f"photo {photo_id} disappeared from the library during the export")
            return load_original(session, photo_id), rights_of(photo)

        try:
            encode_all(self.cache, wanted, load, lambda key, data: self.writer.put(key.relpath, data), self.cancel)
        finally:
            session.close()
        if self.cancel is not None and self.cancel():
            raise PublishError("export cancelled; every file written so far is complete")

    def _check_collisions(self) -> None:
        seen: dict[str, str] = {}
        for record in self.catalog.articles:
            page = paths.article_path(record.slug)
            if page in seen:
                raise PublishError(
                    f"articles {seen[page]!r} and {record.slug!r} would share the page {page}; change one slug"
                )
            seen[page] = record.slug


def export_site(
    library: Library,
    outdir: Path | str,
    *,
    base_url: str | None = None,
    drafts: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    cache_dir: Path | None = None,
) -> ExportReport:
    """Publish the library into ``outdir``; raises ``PublishError`` and leaves only whole files."""
    started = time.perf_counter()
    base = (base_url or "").strip()
    if base and not base.lower().startswith(("http://", "https://")):
        raise PublishError(f"base URL {base!r} must start with http:// or https://")
    writer = SiteWriter.open(Path(outdir))
    session = library.session()
    try:
        catalog = load_catalog(session, drafts=drafts)
        job = _Export(library, writer, catalog, base, drafts, RenditionCache(cache_dir), progress, cancel)
        try:
            job.run()
        except BaseException:
            writer.abandon()
            raise
        removed = writer.finish()
    finally:
        session.close()
    return ExportReport(
        outdir=Path(outdir),
        articles=len(catalog.articles),
        written=writer.written,
        unchanged=writer.unchanged,
        removed=removed,
        seconds=time.perf_counter() - started,
    )
