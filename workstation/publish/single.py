"""One article as one self-contained HTML file, for hand-off to another CMS or by mail.

CSS is inlined and every image is a data URI of a 960-pixel JPEG, so the
file needs no folder, no script and no network. Links to the rest of the
site are absolute when a base URL is known (relative ones would lead nowhere
once the file is mailed).
"""

from __future__ import annotations

from pathlib import Path

from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.publish import paths
from workstation.publish.catalog_queries import load_with_article
from workstation.publish.context import Medium, PageBuilder
from workstation.publish.caches import rendition_cache
from workstation.publish.images import original_loader
from workstation.publish.pictures import InlinePictures
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
    cache = rendition_cache(library, Path(cache_dir) if cache_dir else None)
    with library.session() as session:
        loaded = load_with_article(session, slug)
        if loaded is None:
            raise PublishError(f"no article with the slug {slug!r}")
        catalog, record = loaded
        pictures = InlinePictures(cache, original_loader(session))
        builder = PageBuilder(catalog, pictures, base_url=base, absolute_links=bool(base))
        html = builder.article_page(record, Medium.SINGLE)
    cache.evict()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        target = paths.inside(outdir, f"{paths.safe_slug(record.slug)}.html")
        write_atomic(target, html.encode("utf-8"))
    except OSError as exc:
        raise PublishError(f"{outdir}: cannot write the page ({exc.strerror or exc})") from None
    return target
