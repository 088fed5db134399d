"""IPTC ninjs 3.1 for syndication: one document per published article, and an index.

``workstation export LIBRARY OUTDIR --format ninjs`` writes, from the same
catalog snapshot the site is built from (``catalog_queries.load_catalog``: published
articles whose time has come)::

    ninjs/index.json            the index: a composite item listing every article item
    ninjs/items/<slug>.json     one article: headlines, body, bylines, subjects, photos, video
    images/<rendition>          the photos' renditions, the very files (and names) the site uses

The body is the page's own body: rendered by the same Markdown dialect and
sanitiser, with the same figures, only with absolute addresses, since a
partner's system is not on our site. Photos and videos are also associated
items, so a partner can lay them out itself; a photo's renditions are the
export's real files, with their size in pixels and bytes.

A partner needs absolute addresses, so the export needs the site's base URL
(given, or set in Preferences): items are identified by their page's address
(the same for every version; ``version`` tells the versions apart), the
folder's files are meant to be served from that same address, beside the
site's (their paths never collide with a page's), and photos are identified
by the hash of their original (an RFC 6920 ``ni:`` URI), so one picture is
one item in every article and every export.

The folder is written like the site (``writer.SiteWriter``): whole files
only, nothing outside it, a file deleted only while it holds the bytes an
export wrote, unchanged files left alone, renditions encoded once (``images``) and bodies rendered
once (``rendercache``); a folder already holding what the export would write
is recognised from its stamp before the library is loaded (``stamp``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.content.slugs import slugify
from workstation.errors import PublishError
from workstation.library.changes import session_marker
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.library.publishing import date_label
from workstation.publish import paths
from workstation.publish.caches import forget_shared, rendition_cache
from workstation.publish.catalog import ArticleRecord, Catalog, PhotoData
from workstation.publish.catalog_queries import load_catalog
from workstation.publish.context import PageBuilder, iso
from workstation.publish.images import MIMES, Planned, default_cache_dir, write_renditions
from workstation.publish.jsonld import drop_empty
from workstation.publish.pictures import ExportPictures, responsive_set
from workstation.publish.rendercache import RenderCache
from workstation.publish.report import ExportReport
from workstation.publish.stamp import export_stamp
from workstation.publish.writer import NINJS_KIND, SiteWriter

STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}
INDEX_PATH = "ninjs/index.json"
JSON_TYPE = "application/json"
HTML_TYPE = "text/html"
TEXT_TYPE = "text/plain"


def item_path(slug: str) -> str:
    """Where an article's document goes (under ``items/``, so no slug can be the index)."""
    return f"ninjs/items/{paths.safe_slug(slug)}.json"


def photo_uri(sha256: str) -> str:
    """A photo's identity: the ``ni:`` URI (RFC 6920) of its original's SHA-256."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def document_bytes(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON, Cyrillic and all as written; ``json`` escapes every quote and control character."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def with_version(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with a ``version`` that changes whenever anything else in it does."""
    digest = hashlib.sha256(json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return {**document, "version": digest.hexdigest()[:16]}


@dataclass(frozen=True)
class PhotoFacts:
    """What a picture item says beyond what a page shows of the photo."""

    headline: str
    credit_line: str
    source: str
    located: str
    taken: datetime | None
    updated: datetime


def load_photo_facts(session: Session, ids: Iterable[int]) -> dict[int, PhotoFacts]:
    wanted = sorted(set(ids))
    facts: dict[int, PhotoFacts] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(Photo.id, Photo.headline, Photo.credit_line, Photo.source, Photo.city, Photo.region,
                   Photo.country, Photo.date_taken, Photo.updated_at).where(Photo.id.in_(wanted[start : start + 500]))
        )
        for row in rows:
            located = ", ".join(part.strip() for part in (row.city, row.region, row.country) if part and part.strip())
            facts[row.id] = PhotoFacts(row.headline or "", row.credit_line or "", row.source or "", located,
                                       row.date_taken, row.updated_at)
    return facts


class _VideoCards(HTMLParser):
    """The video cards of a rendered body, read from the attributes the card's markup promises (``content.video``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "figure" and "video-card" in found.get("class", "").split() and found.get("data-watch"):
            self.cards.append(found)


def video_cards(body_html: str) -> list[dict[str, str]]:
    parser = _VideoCards()
    parser.feed(body_html)
    parser.close()
    return parser.cards


def texts(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    """Plain-text headlines or descriptions by role, leaving out the empty ones (the schema requires a value)."""
    return [{"role": role, "contentType": TEXT_TYPE, "value": value.strip()} for role, value in pairs if value.strip()]


def sources(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    """Named parties (``infoSources``) by role, leaving out the unnamed."""
    return [{"name": name.strip(), "role": role} for role, name in pairs if name.strip()]


def byline_text(names: list[str]) -> str:
    """"A", "A and B", "A, B and C": the byline as a sentence."""
    if len(names) < 3:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class NinjsDocuments:
    """Builds the documents of one export from one catalog snapshot."""

    def __init__(self, catalog: Catalog, base_url: str, facts: dict[int, PhotoFacts],
                 pictures: ExportPictures, cache: RenderCache) -> None:
        self.catalog = catalog
        self.base = base_url
        self.facts = facts
        self.pictures = pictures
        self.cache = cache
        self.settings = catalog.settings
        # Absolute links: the body leaves the site.
        self.builder = PageBuilder(catalog, pictures, base_url=base_url, absolute_links=True)
        self.publisher = self.settings.publisher_name or self.settings.site_name

    def url(self, relpath: str) -> str:
        return paths.public_url(self.base, relpath)

    def body(self, record: ArticleRecord) -> str:
        page = item_path(record.slug)
        return self.cache.body(page, record.state.body, self.builder.resolver(page), self.catalog.refs(record))

    def photos(self, record: ArticleRecord) -> list[tuple[str, str, PhotoData]]:
        """(name, rel, photo) of the lead and of every body photo, each photo once; renditions planned."""
        found: list[tuple[str, str, PhotoData]] = []
        seen: set[int] = set()
        lead = self.builder.photo(record.state.feature_photo_id)
        if lead is not None:
            found.append(("lead", "lead", lead))
            seen.add(lead.info.id)
        number = 0
        for photo_id in self.catalog.refs(record)[0]:
            photo = self.builder.photo(photo_id)
            if photo is None or photo.info.id in seen:
                continue
            seen.add(photo.info.id)
            number += 1
            found.append((f"photo{number}", "inline", photo))
        for _name, _rel, photo in found:
            responsive_set(self.pictures, photo)
        return found

    def renditions(self, photo: PhotoData, sizes: dict[str, int]) -> list[dict[str, Any]]:
        """The photo's renditions that are in the folder (a photo that would not encode has none)."""
        fallback, sets = responsive_set(self.pictures, photo)
        planned: dict[str, Planned] = {fallback.key.relpath: fallback}
        for _mime, members in sets:
            planned.update({p.key.relpath: p for p in members})
        return [
            {
                "name": f"{p.key.fmt}-{p.width}",
                "href": self.url(relpath),
                "contentType": MIMES[p.key.fmt],
                "width": p.width,
                "height": p.height,
                "sizeInBytes": sizes[relpath],
            }
            for relpath, p in sorted(planned.items(), key=lambda item: (item[1].key.fmt, item[1].width))
            if relpath in sizes
        ]

    def picture(self, name: str, rel: str, photo: PhotoData, record: ArticleRecord,
                sizes: dict[str, int]) -> dict[str, Any]:
        state = record.state
        rights = photo.info.rights
        facts = self.facts.get(photo.info.id)
        caption, alt = photo.caption, photo.alt_text
        if rel == "lead":
            caption = state.feature_caption.strip() or caption
            alt = state.feature_alt.strip() or alt
        return {
            "name": name,
            "rel": rel,
            "uri": photo_uri(photo.info.sha256),
            "type": "picture",
            "headlines": texts(("main", facts.headline if facts else "")),
            "descriptions": texts(("caption", caption), ("alt", alt)),
            "by": rights.creator,
            "infoSources": sources(
                ("credit", photo.credit),
                ("agency", facts.credit_line if facts else ""),
                ("source", facts.source if facts else ""),
            ),
            "copyrightNotice": rights.copyright_notice,
            "usageTerms": rights.usage_terms,
            "contentCreated": iso(facts.taken) if facts and facts.taken else None,
            "versionCreated": iso(facts.updated) if facts else None,
            "located": facts.located if facts else "",
            "renditions": self.renditions(photo, sizes),
        }

    def videos(self, body_html: str) -> list[dict[str, Any]]:
        return [
            {
                "name": f"video{number}",
                "rel": "inline",
                "uri": card["data-watch"],
                "type": "video",
                "headlines": texts(("main", card.get("data-title", ""))),
                # The privacy-enhanced player as a page of its own, as the card links it.
                "renditions": [{"name": "player", "href": card["data-watch"], "contentType": HTML_TYPE}],
            }
            for number, card in enumerate(video_cards(body_html), start=1)
        ]

    def copyright_notice(self, record: ArticleRecord) -> str:
        return self.settings.copyright_notice.strip() or f"© {record.date.year} {self.publisher}"

    def article(self, record: ArticleRecord, body_html: str, photos: list[tuple[str, str, PhotoData]],
                sizes: dict[str, int]) -> dict[str, Any]:
        state = record.state
        page = paths.article_path(record.slug)
        authors = self.builder.byline(record)
        section = self.catalog.sections.get(state.section_id) if state.section_id is not None else None
        subjects = []
        if section is not None:
            subjects.append({"name": section.name, "rel": "section", "literal": section.slug,
                             "uri": self.url(paths.section_path(section.slug))})
        subjects += [{"name": tag, "rel": "tag", "literal": slugify(tag)} for tag in state.tags if tag.strip()]
        associations = [self.picture(name, rel, photo, record, sizes) for name, rel, photo in photos]
        associations += self.videos(body_html)
        document = {
            "standard": STANDARD,
            "uri": self.url(page),
            "type": "composite" if associations else "text",
            "representationType": "full",
            "firstCreated": iso(record.date),
            "versionCreated": iso(record.modified),
            "contentCreated": iso(min(record.created_at, record.date)),
            "pubStatus": "usable",
            "copyrightHolder": self.publisher,
            "copyrightNotice": self.copyright_notice(record),
            "usageTerms": self.settings.usage_terms.strip(),
            "language": self.settings.language,
            "slugline": state.slug,
            "headlines": texts(("main", state.headline), ("subheadline", state.dek)),
            "descriptions": texts(
                ("summary", self.builder.description(record)),
                *(("correction", f"Correction, {date_label(note.noted_at)}: {note.text}") for note in record.corrections),
            ),
            "bodies": [{"role": "main", "contentType": HTML_TYPE, "value": body_html}] if body_html.strip() else [],
            "by": byline_text([a.name for a in authors]),
            "infoSources": [
                {"name": a.name, "role": a.role.strip() or "Author", "literal": a.slug,
                 "uri": self.url(paths.author_path(a.slug))}
                for a in authors
            ] + [{"name": self.publisher, "role": "publisher", "uri": self.url(paths.front_path())}],
            "subjects": subjects,
            "renditions": [{"name": "web", "href": self.url(page), "contentType": HTML_TYPE}],
            "associations": associations,
        }
        return with_version(drop_empty(document))

    def index(self, items: list[tuple[ArticleRecord, dict[str, Any]]]) -> dict[str, Any]:
        """The folder's table of contents: a composite item whose associations are the article items, newest first."""
        settings = self.settings
        document = {
            "standard": STANDARD,
            "uri": self.url(INDEX_PATH),
            "type": "composite",
            "representationType": "full",
            "versionCreated": iso(max(record.modified for record, _ in items)) if items else None,
            "copyrightHolder": self.publisher,
            "language": settings.language,
            "headlines": texts(("main", settings.site_name)),
            "descriptions": texts(("summary", settings.site_description)),
            "associations": [
                {
                    "name": record.slug,
                    "rel": "item",
                    "uri": item["uri"],
                    "type": item["type"],
                    "representationType": "partial",
                    "version": item["version"],
                    "firstCreated": item["firstCreated"],
                    "versionCreated": item["versionCreated"],
                    "headlines": [h for h in item.get("headlines", []) if h["role"] == "main"],
                    "renditions": [{"name": "ninjs", "href": self.url(item_path(record.slug)),
                                    "contentType": JSON_TYPE}],
                }
                for record, item in items
            ],
        }
        return with_version(drop_empty(document))


def syndication_base_url(base_url: str | None, stored: str) -> str:
    """The checked address the documents point at: ``base_url`` if given, else the library's own."""
    base = paths.site_base_url(base_url) or paths.site_base_url(stored)
    if not base:
        raise PublishError(
            "ninjs needs the site's address for its identifiers and links: "
            "pass --base-url URL or set the base URL in Preferences"
        )
    return base


def export_ninjs(
    library: Library,
    outdir: Path | str,
    *,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    now: datetime | None = None,
) -> ExportReport:
    """Write the library's published articles as ninjs into ``outdir``; raises ``PublishError`` and leaves only whole files.

    Nothing is written (the folder is not even made) until the snapshot is
    taken and the base URL and folder are known to be good. As on the site,
    articles scheduled after ``now`` (the clock by default) are held back,
    listed in the report, and their first time recorded in the manifest.
    """
    started = time.perf_counter()
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise PublishError(f"{outdir}: not a folder")
    cache_root = Path(cache_dir) if cache_dir else default_cache_dir()
    with library.session() as session:
        # Read before the snapshot: a write in between leaves a stale stamp, never a wrong one.
        marker = session_marker(session)
        catalog = load_catalog(session, now=now)
        facts = load_photo_facts(session, catalog.photos)
    base = syndication_base_url(base_url, catalog.settings.base_url)
    paths.check_collisions((record.slug for record in catalog.articles), item_path, "document")
    writer = SiteWriter.open(outdir, kind=NINJS_KIND)
    if catalog.held:
        writer.release = catalog.held[0].state.published_at.isoformat()  # type: ignore[union-attr]
    cache = RenderCache(library, store=True)
    warnings: list[str] = []
    try:
        forget_shared(cache_root)
        pictures = ExportPictures()
        documents = NinjsDocuments(catalog, base, facts, pictures, cache)
        planned = [(record, documents.body(record), documents.photos(record)) for record in catalog.articles]
        renditions = rendition_cache(library, cache_root)
        warnings += write_renditions(library, writer, pictures.wanted, renditions)
        renditions.evict()
        sizes = {relpath: writer.current[relpath].size for relpath in pictures.wanted if relpath in writer.current}
        items = []
        for record, body_html, photos in planned:
            item = documents.article(record, body_html, photos, sizes)
            writer.put(item_path(record.slug), document_bytes(item))
            items.append((record, item))
        writer.put(INDEX_PATH, document_bytes(documents.index(items)))
        cache.close()
    except BaseException:
        writer.abandon()
        raise
    writer.articles = len(catalog.articles)
    # A photo left out (it would not encode) must be tried again: such an export is not stamped.
    writer.stamp = "" if warnings else export_stamp(marker, base_url=base_url, drafts=False, kind=NINJS_KIND)
    removed = writer.finish()
    return ExportReport(
        outdir=outdir,
        articles=len(catalog.articles),
        written=writer.written,
        unchanged=writer.unchanged,
        removed=removed,
        from_cache=cache.hits,
        seconds=time.perf_counter() - started,
        warnings=warnings,
        held=[(r.slug, r.state.published_at) for r in catalog.held],  # type: ignore[misc]
    )
