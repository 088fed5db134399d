"""The machine-read files: Atom feed (feedgen), sitemap and robots.txt.

feedgen (and lxml under it) is imported only when a feed is written: an
export whose feed inputs are unchanged (``Fingerprints.feed``) never needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from xml.etree import ElementTree

from workstation.publish import paths
from workstation.publish.catalog import ArticleRecord, Catalog

FEED_SIZE = 20
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _link(base_url: str, target: str) -> str:
    """Absolute with a base URL; otherwise relative to the site root, where these files live."""
    return paths.public_url(base_url, target) or target


def _author_name(catalog: Catalog, record: ArticleRecord) -> list[dict[str, str]]:
    return [{"name": catalog.authors[i].name} for i in record.state.author_ids if i in catalog.authors]


def atom_feed(catalog: Catalog, base_url: str, summaries: dict[str, str]) -> bytes:
    from feedgen.feed import FeedGenerator

    settings = catalog.settings
    records = catalog.articles[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(_link(base_url, paths.front_path()) if base_url else f"urn:workstation:site:{paths.safe_slug(settings.site_name)}")
    feed.title(settings.site_name or "Untitled site")
    feed.subtitle(settings.site_description or settings.site_name or "News")
    feed.link(href=_link(base_url, paths.front_path()), rel="alternate")
    feed.link(href=_link(base_url, "feed.xml"), rel="self")
    feed.language(settings.language or "en")
    feed.updated(max((r.modified for r in records), default=datetime(2000, 1, 1, tzinfo=timezone.utc)))
    for record in reversed(records):
        entry = feed.add_entry()
        page = paths.article_path(record.slug)
        entry.id(_link(base_url, page) if base_url else f"urn:workstation:article:{paths.safe_slug(record.slug)}")
        entry.title(record.state.headline or record.slug)
        entry.link(href=_link(base_url, page), rel="alternate")
        entry.published(record.date)
        entry.updated(record.modified)
        summary = summaries.get(record.slug, "")
        if summary:
            entry.summary(summary)
        authors = _author_name(catalog, record)
        if authors:
            entry.author(authors)
        section = catalog.sections.get(record.state.section_id) if record.state.section_id is not None else None
        if section:
            entry.category(term=section.slug, label=section.name)
    return feed.atom_str(pretty=True)


def sitemap(base_url: str, pages: Sequence[tuple[str, datetime | None]]) -> bytes:
    ElementTree.register_namespace("", SITEMAP_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for page, modified in pages:
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = _link(base_url, page)
        if modified is not None:
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = modified.isoformat(timespec="seconds")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(base_url: str, drafts: bool) -> bytes:
    lines = ["User-agent: *", "Disallow: /" if drafts else "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {_link(base_url, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode()
