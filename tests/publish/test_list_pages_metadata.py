"""Front, section and author pages: the site's name once, a link-preview picture, and schema.org data."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path


def jsonld(html: str) -> dict:  # type: ignore[type-arg]
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_the_front_page_names_the_site_once(export: Callable[..., Path]) -> None:
    html = (export() / "index.html").read_text(encoding="utf-8")
    main = html.split('<main id="content"', 1)[1].split("</main>", 1)[0]
    assert html.count("<h1") == 1 and '<h1 class="site-title-heading">' in html
    assert "Workstation News" not in main


def test_the_front_page_is_the_website_with_its_newest_lead_photo(export: Callable[..., Path]) -> None:
    html = (export(base_url="https://news.example.org/") / "index.html").read_text(encoding="utf-8")
    data = jsonld(html)
    assert data["@type"] == "WebSite" and data["url"] == "https://news.example.org/"
    assert data["publisher"]["logo"]["url"] == "https://news.example.org/static/logo-512.png"
    assert re.search(r'<meta property="og:image" content="https://news\.example\.org/images/[^"]+-1600-16x9-', html)


def test_a_section_page_is_a_collection_of_its_articles(export: Callable[..., Path]) -> None:
    html = (export(base_url="https://news.example.org/") / "section" / "news-feed" / "index.html").read_text(encoding="utf-8")
    data = jsonld(html)
    assert data["@type"] == "CollectionPage" and data["name"] == "News Feed"
    urls = [item["url"] for item in data["mainEntity"]["itemListElement"]]
    assert urls[0] == "https://news.example.org/articles/river-rises/" and len(urls) == 4
    assert '<meta property="og:image" content="https://news.example.org/images/' in html


def test_an_author_page_is_a_profile_of_a_person(export: Callable[..., Path]) -> None:
    html = (export(base_url="https://news.example.org/") / "author" / "olena-kovalenko" / "index.html").read_text(encoding="utf-8")
    data = jsonld(html)
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Olena Kovalenko" and person["jobTitle"] == "Reporter"
    assert person["sameAs"] == ["https://example.org/olena", "https://social.example/@olena"]
    # Drawn initials are no picture for a link preview: the newest lead photo stands in.
    assert '<meta property="og:image" content="https://news.example.org/images/' in html
    assert '<meta property="og:type" content="profile">' in html
