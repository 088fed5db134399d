"""Every page links an icon that exists, and the publisher's logo is in JSON-LD."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.publish.conftest import make_jpeg
from workstation.library.database import Library
from workstation.library.settings import load_settings, save_settings
from workstation.publish.icons import site_initials
from workstation.publish.site import export_site


def icon_links(html: str) -> list[str]:
    return re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html)


def test_every_page_links_icons_that_exist(export: Callable[..., Path]) -> None:
    site = export()
    for page in site.rglob("*.html"):
        links = icon_links(page.read_text(encoding="utf-8"))
        assert links, page
        for href in links:
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_the_drawn_icon_shows_the_site_initials_without_a_leading_the() -> None:
    assert site_initials("The Millbrook Courier") == "MC"
    assert site_initials("Київська правда") == "КП"
    assert site_initials("The") == "T"


def test_the_article_names_its_publisher_logo(export: Callable[..., Path]) -> None:
    site = export(base_url="https://news.example.org/")
    html = (site / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    logo = data["publisher"]["logo"]
    assert logo["url"] == "https://news.example.org/static/logo-512.png"
    with Image.open(site / "static" / "logo-512.png") as image:
        assert image.size == (logo["width"], logo["height"]) == (512, 512)


def test_a_logo_photo_chosen_in_preferences_becomes_the_icon(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_bytes

    with newsroom.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(make_jpeg(900, 600, (10, 200, 30)), "logo.jpg"))
        settings = load_settings(session)
        settings.logo_photo_id = photo.id
        save_settings(session, settings)
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert icon_links(html) == ["static/icon-32.png", "static/icon-180.png"]
    assert not (tmp_path / "site" / "static" / "favicon.svg").exists()
    with Image.open(io.BytesIO((tmp_path / "site" / "static" / "icon-180.png").read_bytes())) as icon:
        assert icon.size == (180, 180)
        red, green, blue = icon.convert("RGB").getpixel((5, 90))
        assert green > 150 and red < 80  # the photo's green, not the drawn icon's red
