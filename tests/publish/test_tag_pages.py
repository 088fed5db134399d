"""Tags are pages: listed articles, linked from every article that carries the tag, in the sitemap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def test_a_tag_page_lists_the_articles_tagged_with_it(export: Callable[..., Path]) -> None:
    site = export()
    page = (site / "tag" / "floods" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="list-header__title">Floods</h1>' in page
    assert "The river rises over the embankment" in page
    assert "Older story number 0" not in page


def test_an_article_links_its_tags(export: Callable[..., Path]) -> None:
    site = export()
    html = (site / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../tag/floods/index.html" rel="tag">Floods</a>' in html
    assert '<a href="../../tag/infrastructure/index.html" rel="tag">Infrastructure</a>' in html


def test_tag_pages_are_in_the_sitemap(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    assert "<loc>https://news.example.org/tag/floods/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
