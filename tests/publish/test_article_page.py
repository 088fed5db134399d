"""The exported article page carries every element of the design's anatomy."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workstation.library.database import Library


class Tree(HTMLParser):
    """Every element with its attributes and the text directly inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.script_texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_texts if self._in_script else self.texts).append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def parse(path: Path) -> Tree:
    tree = Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    return tree


@pytest.fixture
def page(export: Callable[..., Path]) -> tuple[Path, str, Tree]:
    site = export()
    path = site / "articles" / "river-rises" / "index.html"
    return site, path.read_text(encoding="utf-8"), parse(path)


def test_section_label_links_to_the_section_page(page: tuple[Path, str, Tree]) -> None:
    site, html, _ = page
    assert '<p class="label article__section"><a href="../../section/news-feed/index.html">News Feed</a>' in html
    assert (site / "section" / "news-feed" / "index.html").is_file()


def test_headline_is_the_only_h1(page: tuple[Path, str, Tree]) -> None:
    _, html, tree = page
    assert len(tree.find("h1")) == 1
    assert '<h1 class="article__headline">The river rises over the embankment</h1>' in html


def test_dek_byline_date_and_reading_time_follow_the_headline(page: tuple[Path, str, Tree]) -> None:
    _, html, tree = page
    order = [html.index(s) for s in ("article__headline", "article__dek", "article__byline", "<time", "min read")]
    assert order == sorted(order)
    assert tree.find("a", href="../../author/olena-kovalenko/index.html", rel="author")
    assert tree.find("a", href="../../author/marko-bilyk/index.html", rel="author")
    assert tree.find("time", datetime="2026-03-02T09:00:00+02:00", **{"class": "article__date"})
    assert "1 min read" in tree.text


def test_lead_figure_has_alt_caption_and_house_style_credit(page: tuple[Path, str, Tree]) -> None:
    _, html, tree = page
    lead = html[html.index('class="figure figure--lead"') :]
    lead = lead[: lead.index("</figure>")]
    assert 'alt="A crane lifts a steel beam over the river"' in lead
    assert "Repairs began before the water peaked." in lead
    assert "(Olena Kovalenko/Northern Agency via Wire Service)" in lead
    assert 'loading="eager"' in lead and 'loading="lazy"' not in lead


def test_lead_picture_offers_webp_and_jpeg_at_every_width_up_to_the_original(page: tuple[Path, str, Tree]) -> None:
    site, html, tree = page
    sources = tree.find("source")
    webp = next(s for s in sources if s["type"] == "image/webp")
    widths = [int(entry.split()[-1][:-1]) for entry in webp["srcset"].split(", ")]
    assert widths == [480, 960, 1600, 2000]
    for entry in webp["srcset"].split(", "):
        assert (site / "articles" / "river-rises" / entry.split()[0]).resolve().is_file()


def test_body_figure_is_lazy_and_sized(page: tuple[Path, str, Tree]) -> None:
    _, _, tree = page
    body_images = [a for a in tree.find("img") if a.get("alt") == "Water over the embankment"]
    assert body_images and body_images[0]["loading"] == "lazy"
    assert body_images[0]["width"] and body_images[0]["height"]


def test_author_box_per_author_with_avatar_role_bio_and_read_more(page: tuple[Path, str, Tree]) -> None:
    site, html, tree = page
    boxes = tree.find("section", **{"class": "author-box"})
    assert len(boxes) == 2
    assert "Reporter" in tree.text and "Photo editor" in tree.text
    assert "<em>infrastructure</em>" in html
    avatars = tree.find("img", **{"class": "author-box__avatar avatar"})
    assert all((site / "articles" / "river-rises" / a["src"]).resolve().is_file() for a in avatars)
    assert avatars[0]["src"].endswith(".svg")
    assert html.count("Read more") == 2


def test_latest_news_lists_the_section_and_shows_more(page: tuple[Path, str, Tree]) -> None:
    _, html, tree = page
    latest = html[html.index('class="latest"') :]
    assert "Older story number 0" in latest and "The theatre reopens" not in latest
    assert "The river rises" not in latest[latest.index("</h2>") :]
    assert tree.find("a", **{"class": "button", "href": "../../section/news-feed/index.html"})
    assert "Show More" in latest


def test_a_story_alone_in_its_section_offers_the_front_page_instead_of_show_more(
    export: Callable[..., Path],
) -> None:
    html = (export() / "articles" / "theatre-reopens" / "index.html").read_text()
    latest = html[html.index('class="latest"') :]
    assert "Nothing else in Culture yet." in latest
    assert "Show More" not in latest
    assert 'href="../../index.html">Go to the front page</a>' in latest


def test_related_card_and_video_card_come_from_the_body(page: tuple[Path, str, Tree]) -> None:
    _, html, _ = page
    body = html[html.index('class="article-body"') : html.index('class="article__authors"')]
    assert "Older story number 0" in body
    assert "youtube" in body.lower()
    assert "<iframe" not in body


def test_related_card_excerpt_reads_on_and_ends_in_an_ellipsis(
    export: Callable[..., Path], newsroom: Library
) -> None:
    from workstation.library.models import Article

    with newsroom.transaction() as session:
        older = session.query(Article).filter_by(slug="older-story-0").one()
        older.body = "The water came up fast.\n\n" + "Sandbags ran out before the second high tide. " * 8
    html = (export() / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="related-card"') :]
    text = card[card.index('class="related-card__excerpt">') :].split(">", 1)[1].split("</p>", 1)[0]
    assert text.startswith("The water came up fast. Sandbags ran out") and text.endswith("…")
    assert len(text) <= 200


def test_every_page_has_title_description_and_social_tags(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    for path in site.rglob("*.html"):
        tree = parse(path)
        assert tree.find("title"), path
        assert tree.find("meta", name="description"), path
        assert tree.find("meta", property="og:title") and tree.find("meta", name="twitter:card"), path
        if path.name != "404.html":
            assert tree.find("link", rel="canonical")[0]["href"].startswith("https://news.example.org/"), path


def test_canonical_is_left_out_without_a_base_url(page: tuple[Path, str, Tree]) -> None:
    _, _, tree = page
    assert not tree.find("link", rel="canonical")


def test_article_page_has_open_graph_article_tags(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    tree = parse(site / "articles" / "river-rises" / "index.html")
    assert tree.find("meta", property="og:type", content="article")
    assert tree.find("meta", property="og:url", content="https://news.example.org/articles/river-rises/")
    image = tree.find("meta", property="og:image")[0]["content"]
    assert image.startswith("https://news.example.org/images/") and "-16x9-" in image
    assert tree.find("meta", property="og:image:width", content="1600")
    assert tree.find("meta", property="og:image:height", content="900")
    assert tree.find("meta", property="article:section", content="News Feed")
    assert tree.find("meta", property="article:tag", content="Floods")


def jsonld(path: Path) -> dict:
    tree = parse(path)
    scripts = [a for a in tree.find("script") if a.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(tree.script_texts[0])


def test_json_ld_is_a_news_article_with_every_field(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    data = jsonld(site / "articles" / "river-rises" / "index.html")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "The river rises over the embankment"
    assert data["description"] == "Flooding in the lower town, and how the repairs went."
    assert data["datePublished"] == "2026-03-02T09:00:00+02:00"
    assert data["dateModified"] >= data["datePublished"] or data["dateModified"]
    assert data["author"][0] == {
        "@type": "Person", "name": "Olena Kovalenko", "url": "https://news.example.org/author/olena-kovalenko/"
    }
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["articleSection"] == "News Feed"
    assert data["keywords"] == ["Floods", "Infrastructure"]
    shapes = {(i["width"], i["height"]) for i in data["image"]}
    assert shapes == {(1600, 900), (1600, 1200), (1333, 1333)}
    for image in data["image"]:
        assert image["@type"] == "ImageObject"
        assert image["url"].startswith("https://news.example.org/images/")
        assert image["caption"] == "Repairs began before the water peaked."
        assert image["creditText"] == "Northern Agency via Wire Service"  # the credit line, as Google reads it
        assert image["creator"] == {"@type": "Person", "name": "Olena Kovalenko"}
        assert image["copyrightNotice"] == "© 2026 Northern Agency"
