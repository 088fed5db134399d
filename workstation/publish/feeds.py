"""The machine-read files: Atom feed (feedgen), sitemaps (the site's and Google News') and robots.txt.

feedgen (and lxml under it) is imported only when a feed is written: an
export whose feed inputs are unchanged (``Fingerprints.feed``) never needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from xml.etree import ElementTree

from workstation.publish import paths
from workstation.publish.catalog import ArticleRecord, Catalog
from workstation.publish.icons import LOGO, TOUCH_ICON

FEED_SIZE = 20
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_SITEMAP = "news-sitemap.xml"
FEED = "feed.xml"
# Google News reads articles of the last two days only.
NEWS_WINDOW = timedelta(days=2)


def _link(base_url: str, target: str) -> str:
    """Absolute with a base URL; otherwise relative to the site root, where these files live."""
    return paths.public_url(base_url, target) or target


class FeedEntry(NamedTuple):
    """What an entry carries beyond the record: its summary, full body HTML and lead picture."""

    summary: str
    content: str = ""
    image_url: str = ""
    image_width: int = 0
    image_height: int = 0


def _authors(catalog: Catalog, record: ArticleRecord, base_url: str) -> list[dict[str, str]]:
    return [
        {"name": catalog.authors[i].name, "uri": _link(base_url, paths.author_path(catalog.authors[i].slug))}
        for i in record.state.author_ids if i in catalog.authors
    ]


def atom_feed(catalog: Catalog, base_url: str, entries: dict[str, FeedEntry]) -> bytes:
    """The newest ``FEED_SIZE`` articles, each with its full sanitised body (``entries``, by slug)."""
    from feedgen.feed import FeedGenerator

    settings = catalog.settings
    records = catalog.articles[:FEED_SIZE]
    feed = FeedGenerator()
    # Media RSS carries the lead picture where readers look for it (feedgen drops an entry link's rel).
    feed.load_extension("media")
    feed.id(_link(base_url, paths.front_path()) if base_url else f"urn:workstation:site:{paths.safe_slug(settings.site_name)}")
    feed.title(settings.site_name or "Untitled site")
    feed.subtitle(settings.site_description or settings.site_name or "News")
    feed.link(href=_link(base_url, paths.front_path()), rel="alternate")
    feed.link(href=_link(base_url, FEED), rel="self")
    feed.icon(_link(base_url, TOUCH_ICON))
    feed.logo(_link(base_url, LOGO))
    feed.language(settings.language or "en")
    feed.updated(max((r.modified for r in records), default=datetime(2000, 1, 1, tzinfo=timezone.utc)))
    for record in reversed(records):
        entry = feed.add_entry()
        page = paths.article_path(record.slug)
        extra = entries.get(record.slug, FeedEntry(""))
        entry.id(_link(base_url, page) if base_url else f"urn:workstation:article:{paths.safe_slug(record.slug)}")
        entry.title(record.state.headline or record.slug)
        entry.link(href=_link(base_url, page), rel="alternate")
        if extra.image_url:
            entry.media.content({"url": extra.image_url, "medium": "image", "type": "image/jpeg",
                                 "width": str(extra.image_width), "height": str(extra.image_height)})
        entry.published(record.date)
        entry.updated(record.modified)
        if extra.summary:
            entry.summary(extra.summary)
        if extra.content:
            entry.content(extra.content, type="html")
        authors = _authors(catalog, record, base_url)
        if authors:
            entry.author(authors)
        section = catalog.sections.get(record.state.section_id) if record.state.section_id is not None else None
        if section:
            entry.category(term=section.slug, label=section.name)
        for tag in record.state.tags:
            if tag.strip():
                entry.category(term=paths.safe_slug(tag), label=tag)
    return feed.atom_str(pretty=True)


def news_sitemap(base_url: str, site_name: str, language: str, records: Sequence[ArticleRecord],
                 now: datetime) -> bytes:
    """A Google News sitemap: the articles published in the two days before ``now``."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("news", NEWS_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for record in records:
        if not now - NEWS_WINDOW <= record.date <= now:
            continue
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = _link(base_url, paths.article_path(record.slug))
        news = ElementTree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = ElementTree.SubElement(news, f"{{{NEWS_NS}}}publication")
        ElementTree.SubElement(publication, f"{{{NEWS_NS}}}name").text = site_name
        # Google News wants an ISO 639 code: "en-GB" is published as "en".
        ElementTree.SubElement(publication, f"{{{NEWS_NS}}}language").text = (language or "en").split("-")[0].lower()
        ElementTree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = record.date.isoformat(timespec="seconds")
        ElementTree.SubElement(news, f"{{{NEWS_NS}}}title").text = record.state.headline or record.slug
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


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
        lines.append(f"Sitemap: {_link(base_url, NEWS_SITEMAP)}")
    return ("\n".join(lines) + "\n").encode()
