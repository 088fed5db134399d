"""The exported pages in Debian's Chromium: axe-core finds nothing, light and dark, phone and desktop;
the lead photo holds its place before it loads; a one-minute article prints on two sheets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, chromium_or_skip, npm_file, serve
from workstation.library.database import Library
from workstation.library.models import Article, Photo, Section

PAGE_TYPES = {
    "article": "articles/river-rises/",
    "card after the headline": "articles/card-first/",
    "front": "",
    "section": "section/news-feed/",
    "author": "author/olena-kovalenko/",
    "tag": "tag/floods/",
    "404": "404.html",
}
A4, LETTER = (8.27, 11.69), (8.5, 11.0)
WORDS = "The council met again on Friday and the engineers said the repairs would hold for the winter".split()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium_or_skip()
    started = Browser()
    yield started
    started.close()


def add_card_first_article(library: Library) -> None:
    """A body that opens with a related card and a titled video with a poster: right under the ``h1``."""
    with library.transaction() as session:
        section = session.query(Section).filter_by(slug="news-feed").one()
        poster = session.query(Photo).order_by(Photo.id).first()
        session.add(Article(
            slug="card-first", headline="A card straight after the headline", section=section, status="published",
            body=f'[[older-story-0]]\n\nhttps://youtu.be/dQw4w9WgXcQ "The embankment from the air" photo:{poster.id}\n\nText.',
        ))


def axe_violations(page, url: str, axe: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.open(url)
    page.evaluate(axe)
    found = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
    return [f"{url}: {line}" for line in found]


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page_type(
    browser: Browser, newsroom: Library, export: Callable[..., Path], scheme: str, width: int
) -> None:
    axe = npm_file("axe-core", "axe.min.js").read_text(encoding="utf-8")
    add_card_first_article(newsroom)
    site = export()
    with serve(site) as root, browser.page(width, 900, dark=scheme == "dark", mobile=width < 500) as page:
        found = [line for path in PAGE_TYPES.values() for line in axe_violations(page, root + path, axe)]
    assert found == []


def test_the_lead_photo_has_its_final_size_before_it_loads(browser: Browser, export: Callable[..., Path]) -> None:
    site = export()
    for image in (site / "images").glob("*"):
        image.unlink()
    with serve(site) as root, browser.page(1366, 900) as page:
        page.open(root + PAGE_TYPES["article"])
        box = page.evaluate(
            "(() => { const i = document.querySelector('.figure--lead img'); const r = i.getBoundingClientRect();"
            " const t = document.querySelector('.article-body').getBoundingClientRect();"
            " return [i.complete && i.naturalWidth, r.width, r.height, t.width]; })()"
        )
    broken, width, height, column = box
    assert broken == 0  # the file is gone: only the attributes can have sized the box
    assert width == column and height == pytest.approx(width * 1333 / 2000, abs=2)


def one_minute_article(library: Library) -> None:
    """About 265 words (one minute at the default speed) with a lead photo, figure, video, card and two author boxes."""
    with library.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        filler = " ".join(WORDS[i % len(WORDS)] for i in range(200)) + "."
        article.body = article.body.replace("The council meets again on Friday.", filler)


@pytest.mark.parametrize("paper", [A4, LETTER], ids=["A4", "Letter"])
def test_a_one_minute_article_prints_on_two_pages(
    browser: Browser, newsroom: Library, export: Callable[..., Path], paper: tuple[float, float]
) -> None:
    one_minute_article(newsroom)
    site = export()
    assert "1 min read" in (site / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    with serve(site) as root, browser.page(1366, 900) as page:
        page.open(root + PAGE_TYPES["article"])
        pdf = page.pdf(paper)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) <= 2
