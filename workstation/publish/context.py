"""Building every page's views from a catalog snapshot.

One ``PageBuilder`` serves one export (or one preview): it memoises what
many pages share (author boxes, story teasers, rendered bios) so 1,000
article pages cost 1,000 bodies, not 1,000 copies of everything around them.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from markupsafe import Markup

from workstation.content.markdown import render_markdown
from workstation.content.reading import excerpt, reading_minutes, reading_time_label, teaser
from workstation.content.references import parse_photo_ref, photo_ref
from workstation.content.sanitise import safe_url
from workstation.content.slugs import slug_key
from workstation.content.views import CardView, FigureView, NullResolver
from workstation.library.publishing import date_label
from workstation.photos.initials import initials_svg
from workstation.publish import paths
from workstation.publish.catalog import ArticleRecord, AuthorData, Catalog, PhotoData
from workstation.publish.icons import LOGO, LOGO_SIZE, icon_links
from workstation.publish.images import (
    BODY_SIZES,
    LEAD_SIZES,
    SOCIAL_ASPECTS,
    SOCIAL_WIDTH,
)
from workstation.publish.jsonld import drop_empty, script_json
from workstation.publish.pageviews import (
    ArticleView,
    Assets,
    AuthorView,
    CorrectionView,
    ImageRef,
    LinkView,
    Meta,
    SiteView,
    SocialImage,
    StoryView,
)
from workstation.publish.pictures import ExportPictures, Pictures, figure_view
from workstation.publish.render import inline_css, linker, render_page

CARD_SIZES = "10rem"
TEASER_WIDTH = 480
# The front page's first story shows its picture at half the page width.
TEASER_LARGE = 960
# Any article page: they all sit at the same depth, so a body rendered for
# one links correctly from every other.
ARTICLE_DEPTH_PAGE = paths.article_path("x")


class Medium(StrEnum):
    """Where an article page is shown: the differences are listed in ``PageBuilder.article_page``."""

    SITE = "site"
    SINGLE = "single"
    PREVIEW = "preview"


PREVIEW_SCRIPT = "ws-app://static/preview.js"
# Only in the preview: the block wrappers must not take part in layout, and
# suggestions and comments (``content.critic.preview_text``) show as marks.
PREVIEW_CSS = (
    "\n.ws-block{display:contents}"
    "\n.critic-add{background:rgba(46,160,67,.18);color:#1a7f37;text-decoration:underline}"
    "\n.critic-del{background:rgba(229,72,77,.14);color:#c4323a;text-decoration:line-through}"
    "\n.critic-highlight{background:rgba(255,196,0,.35)}"
    "\n.critic-comment{display:inline-block;width:.55em;height:.55em;margin:0 .15em;border-radius:50%;"
    "background:#d99a00;vertical-align:super;cursor:help}\n"
)


def medium_assets(medium: Medium) -> Assets:
    """Linked files on the site; inlined CSS for a hand-off (and the preview, which adds its script)."""
    if medium is Medium.SITE:
        return Assets()
    if medium is Medium.SINGLE:
        return Assets(css=inline_css(), scripts=(), feed=False)
    return Assets(css=Markup(inline_css() + PREVIEW_CSS), scripts=(PREVIEW_SCRIPT,), feed=False)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def http_url(url: str) -> str:
    """A link a reader may follow: http(s) or mailto only, and only if the sanitiser agrees."""
    cleaned = safe_url(url.strip())
    return cleaned if cleaned.lower().startswith(("http://", "https://", "mailto:")) else ""


class PageBuilder:
    def __init__(
        self,
        catalog: Catalog,
        pictures: Pictures,
        *,
        base_url: str = "",
        photo_lookup: Callable[[int], PhotoData | None] | None = None,
        article_lookup: Callable[[str], ArticleRecord | None] | None = None,
        absolute_links: bool = False,
    ) -> None:
        self.catalog = catalog
        self.pictures = pictures
        self.base_url = base_url.strip()
        self.settings = catalog.settings
        self.photo_lookup = photo_lookup
        self.article_lookup = article_lookup
        # A hand-off page leaves the site: its links must be absolute to mean anything.
        self.link_base = self.base_url if absolute_links else ""
        self.avatar_files: dict[str, bytes] = {}
        self._authors: dict[int, AuthorView] = {}
        self._avatars: dict[int, str] = {}
        self._stories: dict[tuple[str, bool], StoryView] = {}
        self._summaries: dict[str, str] = {}
        # Card texts by the body they open: a body's key and its rendering both ask for its cards.
        self._teasers: dict[str, str] = {}
        self._site: SiteView | None = None

    # Shared pieces -------------------------------------------------------

    def photo(self, photo_id: int | None) -> PhotoData | None:
        if photo_id is None:
            return None
        found = self.catalog.photos.get(photo_id)
        if found is None and self.photo_lookup is not None:
            found = self.photo_lookup(photo_id)
        return found

    def article(self, slug: str) -> ArticleRecord | None:
        found = self.catalog.by_slug.get(slug_key(slug))
        if found is None and self.article_lookup is not None:
            found = self.article_lookup(slug)
        return found

    def site(self) -> SiteView:
        if self._site is None:
            self._site = self._site_view()
        return self._site

    def _site_view(self) -> SiteView:
        used = {r.state.section_id for r in self.catalog.articles}
        sections = sorted(
            (s for s in self.catalog.sections.values() if s.id in used),
            key=lambda s: (s.position, s.name.lower()),
        )
        language = self.settings.language or "en"
        return SiteView(
            name=self.settings.site_name,
            description=self.settings.site_description,
            language=language,
            locale=language.replace("-", "_"),
            sections=tuple(LinkView(s.name, paths.section_path(s.slug)) for s in sections),
        )

    def logo_photo(self) -> PhotoData | None:
        """The photo chosen as the site's logo, if it is still in the library."""
        return self.photo(self.settings.logo_photo_id or None)

    def site_assets(self) -> Assets:
        """A site page's linked files: the stylesheet, the script and the icons."""
        return Assets(icons=icon_links(self.logo_photo() is not None))

    def publisher(self, page: str) -> dict[str, Any]:
        """schema.org ``publisher``: the organisation and its logo (``publish.icons``)."""
        publisher: dict[str, Any] = {
            "@type": "Organization",
            "name": self.settings.publisher_name or self.settings.site_name,
        }
        if self.base_url:
            publisher["url"] = paths.public_url(self.base_url, paths.front_path())
        if self.pictures.responsive or self.base_url:
            publisher["logo"] = {
                "@type": "ImageObject", "url": self.absolute(LOGO, page), "width": LOGO_SIZE, "height": LOGO_SIZE,
            }
        return publisher

    def section_link(self, section_id: int | None) -> LinkView | None:
        section = self.catalog.sections.get(section_id) if section_id is not None else None
        return LinkView(section.name, paths.section_path(section.slug)) if section else None

    def byline(self, record: ArticleRecord) -> tuple[AuthorData, ...]:
        return tuple(self.catalog.authors[i] for i in record.state.author_ids if i in self.catalog.authors)

    def avatar(self, author: AuthorData) -> str:
        known = self._avatars.get(author.id)
        if known is None:
            known = self._avatars[author.id] = self._avatar(author)
        return known

    def _avatar(self, author: AuthorData) -> str:
        if author.avatar and author.avatar_mime in ("image/jpeg", "image/png"):
            data, mime = author.avatar, author.avatar_mime
        else:
            data, mime = initials_svg(author.name).encode("utf-8"), "image/svg+xml"
        if not self.pictures.responsive:
            return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
        ext = {"image/jpeg": "jpg", "image/png": "png", "image/svg+xml": "svg"}[mime]
        tag = hashlib.sha256(data).hexdigest()[:10]
        relpath = f"images/avatar-{paths.safe_slug(author.slug)}-{tag}.{ext}"
        self.avatar_files[relpath] = data
        return relpath

    def author_view(self, author: AuthorData) -> AuthorView:
        view = self._authors.get(author.id)
        if view is None:

            links = [LinkView("Website", author.website)] if author.website else []
            links += [LinkView(label or "Link", url) for label, url in author.social_links]
            view = AuthorView(
                name=author.name,
                path=paths.author_path(author.slug),
                role=author.role,
                location=author.location,
                bio_html=Markup(render_markdown(author.bio, NullResolver())) if author.bio.strip() else Markup(""),
                avatar=self.avatar(author),
                links=tuple(LinkView(link.name, u) for link in links if (u := http_url(link.path))),
            )
            self._authors[author.id] = view
        return view

    def summary(self, record: ArticleRecord) -> str:
        state = record.state
        if state.dek.strip():
            return state.dek.strip()
        if record.slug not in self._summaries:
            self._summaries[record.slug] = excerpt(state.body)
        return self._summaries[record.slug]

    def card_text(self, record: ArticleRecord) -> str:
        """What a related-article card says of ``record``: the opening of its body, else its dek."""
        body = record.state.body
        text = self._teasers.get(body)
        if text is None:
            text = self._teasers[body] = teaser(body)
        return text or record.state.dek

    def teaser_image(self, photo: PhotoData | None) -> ImageRef | None:
        if photo is None:
            return None
        planned = self.pictures.source(photo, TEASER_WIDTH, "jpeg", (16, 9))
        if planned is None:
            return None
        candidates: tuple[tuple[str, int], ...] = ()
        webp: tuple[tuple[str, int], ...] = ()
        if self.pictures.responsive:
            larger = self.pictures.source(photo, TEASER_LARGE, "jpeg", (16, 9))
            if larger is not None and larger.width > planned.width:
                candidates = ((self.pictures.address(planned), planned.width), (self.pictures.address(larger), larger.width))
                webp = tuple(
                    (self.pictures.address(p), p.width)
                    for width in (TEASER_WIDTH, TEASER_LARGE)
                    if (p := self.pictures.source(photo, width, "webp", (16, 9))) is not None
                )
        return ImageRef(self.pictures.address(planned), planned.width, planned.height, candidates, webp)

    def story(self, record: ArticleRecord, with_image: bool = True) -> StoryView:
        key = (record.slug, with_image)
        view = self._stories.get(key)
        if view is None:
            state = record.state
            view = StoryView(
                path=paths.article_path(state.slug),
                headline=state.headline,
                summary=self.summary(record),
                section=self.section_link(state.section_id),
                authors=tuple(LinkView(a.name, paths.author_path(a.slug)) for a in self.byline(record)),
                iso=iso(record.date),
                date_label=date_label(record.date),
                image=self.teaser_image(self.photo(state.feature_photo_id)) if with_image else None,
            )
            self._stories[key] = view
        return view

    def summary_of_bio(self, author: AuthorData) -> str:
        return excerpt(author.bio, 200) if author.bio.strip() else ""

    def description(self, record: ArticleRecord) -> str:
        state = record.state
        return (state.seo_description.strip() or self.summary(record))[:300]

    def title(self, text: str) -> str:
        site = self.settings.site_name
        return f"{text} | {site}" if text and text != site else site

    # Article page --------------------------------------------------------

    def latest(self, record: ArticleRecord) -> tuple[tuple[StoryView, ...], str]:
        """The "latest news" teasers (``Catalog.latest_in_section``) and where "Show More" leads."""
        picked = tuple(self.story(other, with_image=False) for other in self.catalog.latest_in_section(record))
        section = self.section_link(record.state.section_id)
        return picked, section.path if section else paths.front_path()

    def lead(self, record: ArticleRecord, url: Callable[[str], str]) -> FigureView | None:
        state = record.state
        photo = self.photo(state.feature_photo_id)
        if photo is None:
            return None
        return figure_view(
            self.pictures,
            photo,
            url,
            alt=state.feature_alt.strip() or photo.alt_text,
            caption=state.feature_caption.strip() or photo.caption,
            sizes=LEAD_SIZES,
            lazy=False,
        )

    def article_view(self, record: ArticleRecord, page: str) -> ArticleView:
        state = record.state
        wpm = self.settings.words_per_minute or 265
        return ArticleView(
            headline=state.headline,
            dek=state.dek.strip(),
            section=self.section_link(state.section_id),
            authors=tuple(self.author_view(a) for a in self.byline(record)),
            iso=iso(record.date),
            date_label=date_label(record.date),
            reading_label=reading_time_label(reading_minutes(state.body, wpm)),
            lead=self.lead(record, linker(page, self.link_base)),
            tags=tuple(LinkView(t, paths.tag_path(t)) for t in state.tags if t.strip()),
            corrections=tuple(
                CorrectionView(iso(note.noted_at), date_label(note.noted_at), note.text) for note in record.corrections
            ),
        )

    def absolute(self, target: str, page: str) -> str:
        """A URL for metadata: absolute with a base URL, else relative to the page."""
        return linker(page, self.base_url)(target)

    def social_images(
        self, record: ArticleRecord, page: str, pictures: Pictures | None = None
    ) -> list[tuple[SocialImage, PhotoData]]:
        """The lead photo cropped for link previews; ``pictures`` says where they live when not on this page's medium."""
        photo = self.photo(record.state.feature_photo_id)
        if photo is None:
            return []
        pictures = pictures or self.pictures
        alt = record.state.feature_alt.strip() or photo.alt_text
        images = []
        for aspect in SOCIAL_ASPECTS:
            planned = pictures.source(photo, SOCIAL_WIDTH, "jpeg", aspect)
            if planned is not None:
                url = self.absolute(pictures.address(planned), page)
                images.append((SocialImage(url, planned.width, planned.height, alt), photo))
        return images

    def article_meta(self, record: ArticleRecord, page: str, social: list[tuple[SocialImage, PhotoData]]) -> Meta:
        state = record.state
        section = self.catalog.sections.get(state.section_id) if state.section_id is not None else None
        authors = self.byline(record)
        social_title = state.seo_title.strip() or state.headline
        return Meta(
            title=self.title(social_title),
            description=self.description(record),
            social_title=social_title,
            canonical=paths.public_url(self.base_url, page),
            og_type="article",
            # Link previews fetch the picture from its own address: only an absolute web URL will do.
            image=social[0][0] if social and social[0][0].url.startswith(("http://", "https://")) else None,
            published=iso(record.date),
            modified=iso(record.modified),
            section=section.name if section else "",
            tags=tuple(t for t in state.tags if t.strip()),
            author_urls=tuple(
                paths.public_url(self.base_url, paths.author_path(a.slug)) for a in authors if self.base_url
            ),
            robots="" if state.status == "published" else "noindex",
        )

    def jsonld(self, record: ArticleRecord, page: str, social: list[tuple[SocialImage, PhotoData]]) -> Markup:
        state = record.state
        section = self.catalog.sections.get(state.section_id) if state.section_id is not None else None
        images = []
        for image, photo in social:
            rights = photo.info.rights
            images.append(
                {
                    "@type": "ImageObject",
                    "url": image.url,
                    # An inlined picture is in ``url`` already; a second copy would double the file.
                    "contentUrl": None if image.url.startswith("data:") else image.url,
                    "width": image.width,
                    "height": image.height,
                    "caption": state.feature_caption.strip() or photo.caption,
                    # What Google Images needs to show a picture as licensable.
                    "creditText": rights.credit_line or photo.credit,
                    "creator": {"@type": "Person", "name": rights.creator} if rights.creator else None,
                    "copyrightNotice": rights.copyright_notice,
                    "license": rights.web_statement,
                    "acquireLicensePage": rights.licensor_url,
                    "digitalSourceType": rights.digital_source_type,
                }
            )
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": state.headline,
            "description": self.description(record),
            "datePublished": iso(record.date),
            "dateModified": iso(record.modified),
            "author": [
                {"@type": "Person", "name": a.name, "url": self.absolute(paths.author_path(a.slug), page)}
                for a in self.byline(record)
            ],
            "publisher": self.publisher(page),
            "articleSection": section.name if section else "",
            "keywords": [t for t in state.tags if t.strip()],
            "image": images,
            "mainEntityOfPage": paths.public_url(self.base_url, page),
            "inLanguage": self.settings.language,
            "correction": [
                {"@type": "CorrectionComment", "text": note.text, "datePublished": iso(note.noted_at)}
                for note in record.corrections
            ],
        }
        return Markup(script_json(drop_empty(data)))

    # List pages -----------------------------------------------------------

    def logo_image(self, page: str) -> SocialImage:
        return SocialImage(self.absolute(LOGO, page), LOGO_SIZE, LOGO_SIZE, self.settings.site_name)

    def avatar_image(self, author: AuthorData, page: str) -> SocialImage | None:
        """A stored avatar (never the drawn initials: link previews want a raster picture)."""
        if not author.avatar or author.avatar_mime not in ("image/jpeg", "image/png"):
            return None
        # Pillow (15-20 ms to import) only for a page with an avatar to render: most exports render none.
        from PIL import Image

        with Image.open(io.BytesIO(author.avatar)) as image:
            width, height = image.size
        return SocialImage(self.absolute(self.avatar(author), page), width, height, author.name)

    def list_image(self, records: Sequence[ArticleRecord], page: str) -> SocialImage:
        """A list page's link-preview picture: its newest lead photo, else the site's logo."""
        for record in records:
            social = self.social_images(record, page)
            if social:
                return social[0][0]
        return self.logo_image(page)

    def website(self, page: str) -> dict[str, Any]:
        return {
            "@type": "WebSite",
            "name": self.settings.site_name,
            "url": paths.public_url(self.base_url, paths.front_path()),
            "description": self.settings.site_description,
            "inLanguage": self.settings.language,
            "publisher": self.publisher(page),
        }

    def list_jsonld(self, page: str, title: str, description: str, records: Sequence[ArticleRecord],
                    author: AuthorData | None = None) -> Markup:
        """schema.org for a list page: the front page is the ``WebSite``; a section or
        tag page a ``CollectionPage`` of its articles; an author's a ``ProfilePage``."""
        if page == paths.front_path():
            data = {"@context": "https://schema.org", **self.website(page)}
        else:
            data = {
                "@context": "https://schema.org",
                "@type": "ProfilePage" if author else "CollectionPage",
                "name": title,
                "description": description,
                "url": paths.public_url(self.base_url, page),
                "inLanguage": self.settings.language,
                "isPartOf": self.website(page),
            }
            if author is not None:
                view = self.author_view(author)
                avatar = self.avatar_image(author, page)
                data["mainEntity"] = {
                    "@type": "Person",
                    "name": author.name,
                    "jobTitle": author.role,
                    "description": self.summary_of_bio(author),
                    "image": avatar.url if avatar else None,
                    "url": self.absolute(paths.author_path(author.slug), page),
                    "sameAs": [link.path for link in view.links if link.path.startswith(("http://", "https://"))],
                }
            else:
                data["mainEntity"] = {
                    "@type": "ItemList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": number,
                         "url": self.absolute(paths.article_path(record.slug), page)}
                        for number, record in enumerate(records, 1)
                    ],
                }
        return Markup(script_json(drop_empty(data)))

    def article_page(self, record: ArticleRecord, medium: Medium, body_html: Markup | None = None) -> str:
        """The article page, for the export, the hand-off file or the live preview.

        One builder for all three; ``medium`` decides only what must differ:
        how the page reaches its CSS, script and pictures (``Assets`` and
        this builder's ``Pictures``), whether links are absolute (a hand-off
        with a base URL), and the preview's own marks (no JSON-LD or link
        preview images, the body's ``id="ws-body"``). ``body_html`` is the
        body already rendered (the export's cache, the preview's blocks);
        without it the body is rendered here.
        """
        page = paths.article_path(record.slug)
        if medium is Medium.PREVIEW:
            social: list[tuple[SocialImage, PhotoData]] = []
        elif medium is Medium.SINGLE and not self.base_url:
            # Without a site to link to, schema.org readers get one inlined crop.
            social = self.social_images(record, page)[:1]
        elif medium is Medium.SINGLE:
            # Link previews fetch the lead photo by address: the site's own copy.
            social = self.social_images(record, page, ExportPictures())
        else:
            social = self.social_images(record, page)
        if body_html is None:
            body_html = Markup(render_markdown(record.state.body, self.resolver(page)))
        latest, more = self.latest(record)
        section = self.section_link(record.state.section_id)
        return render_page(
            "article.html",
            page,
            base_url=self.link_base,
            site=self.site(),
            assets=self.site_assets() if medium is Medium.SITE else medium_assets(medium),
            article=self.article_view(record, page)._replace(body_html=body_html),
            meta=self.article_meta(record, page, social),
            jsonld=None if medium is Medium.PREVIEW else self.jsonld(record, page, social),
            latest=latest,
            latest_more=more,
            preview=medium is Medium.PREVIEW,
            current_section=section.path if section else "",
        )

    # Body references ---------------------------------------------------------

    def resolver(self, page: str = ARTICLE_DEPTH_PAGE) -> BodyResolver:
        return BodyResolver(self, page)


class BodyResolver:
    """What a body's ``photo:12`` and ``[[slug]]`` turn into on an article page."""

    def __init__(self, builder: PageBuilder, page: str) -> None:
        self.builder = builder
        self.url = linker(page, builder.link_base)

    def figure(self, ref: str) -> FigureView | None:
        photo_id = parse_photo_ref(ref)
        photo = self.builder.photo(photo_id)
        if photo is None:
            return None
        return figure_view(
            self.builder.pictures, photo, self.url, alt=photo.alt_text, caption=photo.caption, sizes=BODY_SIZES
        )

    def card(self, slug: str) -> CardView | None:
        record = self.builder.article(slug)
        if record is None:
            return None
        photo = self.builder.photo(record.state.feature_photo_id)
        image = None
        if photo is not None:
            image = figure_view(
                self.builder.pictures,
                photo,
                self.url,
                alt=record.state.feature_alt.strip() or photo.alt_text,
                caption="",
                sizes=CARD_SIZES,
            )
        text = self.builder.card_text(record)
        return CardView(self.url(paths.article_path(record.slug)), record.state.headline, text, image)

    def link(self, slug: str) -> str | None:
        record = self.builder.article(slug)
        if record is None:
            return None
        return self.url(paths.article_path(record.slug))

    def fingerprint(self, body: str, photo_ids: list[int], slugs: list[str]) -> str:
        """What a body's rendering depends on: its text and everything its references resolve to."""
        parts = [body]
        parts += [repr(self.figure(photo_ref(i))) for i in photo_ids]
        parts += [repr((self.card(s), self.link(s))) for s in slugs]
        return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()
