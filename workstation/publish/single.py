"""One article as one self-contained HTML file, for hand-off to another CMS or by mail.

CSS is inlined and every image is a data URI of a 960-pixel JPEG, so the
file needs no folder, no script and no network. Links to the rest of the
site are absolute when a base URL is known (relative ones would lead nowhere
once the file is mailed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from markupsafe import Markup

from workstation.content.markdown import render_markdown
from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.publish import paths
from workstation.publish.catalog import load_catalog
from workstation.publish.context import PageBuilder
from workstation.publish.images import RenditionCache, original_loader
from workstation.publish.pageviews import Assets
from workstation.publish.pictures import ExportPictures, InlinePictures
from workstation.publish.render import inline_css, render_page
from workstation.publish.writer import write_atomic


def export_single(
    library: Library,
    slug: str,
    outdir: Path | str,
    *,
    base_url: str | None = None,
    cache_dir: Path | None = None,
) -> Path:
    """Write ``OUTDIR/<slug>.html`` for the article ``slug`` (any status: hand-offs are often drafts)."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise PublishError(f"{outdir}: not a folder")
    base = paths.site_base_url(base_url)
    with library.session() as session:
        catalog = load_catalog(session, drafts=True)
        record = catalog.by_slug.get(slug)
        if record is None:
            raise PublishError(f"no article with the slug {slug!r}")
        cache = RenditionCache(Path(cache_dir) / "renditions" if cache_dir else None)
        pictures = InlinePictures(cache, original_loader(session))
        builder = PageBuilder(catalog, pictures, base_url=base, absolute_links=bool(base))
        page = paths.article_path(record.slug)
        latest, more = builder.latest(record)
        body = Markup(render_markdown(record.state.body, builder.resolver(page)))
        # Link previews and schema.org readers fetch the lead photo by address: with a base
        # URL that is the site's own copy; without one, the JSON-LD carries one inlined crop.
        social = (
            builder.social_images(record, page, ExportPictures()) if base else builder.social_images(record, page)[:1]
        )
        html = render_page(
            "article.html",
            page,
            base_url=builder.link_base,
            site=builder.site(),
            assets=Assets(css=inline_css(), scripts=(), feed=False),
            article=replace(builder.article_view(record, page), body_html=body),
            meta=builder.article_meta(record, page, social),
            jsonld=builder.jsonld(record, page, social),
            latest=latest,
            latest_more=more,
            preview=False,
            current_section="",
        )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        target = paths.inside(outdir, f"{paths.safe_slug(record.slug)}.html")
        write_atomic(target, html.encode("utf-8"))
    except OSError as exc:
        raise PublishError(f"{outdir}: cannot write the page ({exc.strerror or exc})") from None
    return target
