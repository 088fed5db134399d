"""Front matter says who made a photo; the house style prints it, JSON-LD and the files carry it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from tests.exiftool import exiftool
from workstation.library.database import Library
from workstation.library.importer import import_paths
from workstation.library.models import Article, Photo

FRONT = """---
title: Ferry resumes
slug: ferry-resumes
status: published
date: 2026-03-01T09:00:00+02:00
image: harbour.jpg
image_alt: The ferry leaves the harbour at dawn
image_caption: The first crossing in a week.
image_creator: Iryna Bondar
image_credit_line: Harbour Agency via Wire
image_copyright: © 2026 Harbour Agency
image_source: Wire
image_license: https://harbour.example/licence
image_licensor: https://harbour.example/buy
{extra}---
The ferry sailed at six.
"""


@pytest.fixture
def story(tmp_path: Path) -> Callable[..., Path]:
    def write(extra: str = "") -> Path:
        folder = tmp_path / "story"
        folder.mkdir(exist_ok=True)
        Image.new("RGB", (1200, 800), (30, 90, 160)).save(folder / "harbour.jpg", quality=90)
        (folder / "ferry.md").write_text(FRONT.format(extra=extra))
        return folder

    return write


def lead(library: Library) -> Photo:
    with library.session() as session:
        article = session.scalars(select(Article).where(Article.slug == "ferry-resumes")).one()
        photo = article.feature_photo
        session.expunge(photo)
        return photo


def test_front_matter_fills_the_lead_photos_rights(library: Library, story: Callable[..., Path]) -> None:
    report = import_paths(library, [story()])
    assert report.refused == []
    photo = lead(library)
    assert (photo.creator, photo.credit_line, photo.copyright_notice, photo.source) == (
        "Iryna Bondar", "Harbour Agency via Wire", "© 2026 Harbour Agency", "Wire",
    )
    assert (photo.web_statement, photo.licensor_url) == ("https://harbour.example/licence", "https://harbour.example/buy")
    assert photo.alt_text == "The ferry leaves the harbour at dawn"
    assert photo.credit_override == ""


def test_credit_is_composed_by_the_house_style_and_creator_reaches_json_ld_and_the_files(
    library: Library, story: Callable[..., Path], export: Callable[..., Path]
) -> None:
    folder = story()
    import_paths(library, [folder])
    site = export(library, base_url="https://news.example.org/")
    html = (site / "articles" / "ferry-resumes" / "index.html").read_text()
    assert '<span class="credit">(Iryna Bondar/Harbour Agency via Wire)</span>' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    image = data["image"][0]
    assert image["creator"] == {"@type": "Person", "name": "Iryna Bondar"}
    assert (image["creditText"], image["license"], image["acquireLicensePage"]) == (
        "Harbour Agency via Wire", "https://harbour.example/licence", "https://harbour.example/buy",
    )
    prefix = hashlib.sha256((folder / "harbour.jpg").read_bytes()).hexdigest()[:16]
    rendition = next((site / "images").glob(f"{prefix}-*.jpg"))
    tags = json.loads(exiftool("-j", "-G1", str(rendition)).stdout)[0]
    assert tags["XMP-dc:Creator"] == tags["IPTC:By-line"] == "Iryna Bondar"
    assert tags["XMP-photoshop:Credit"] == "Harbour Agency via Wire"


def test_image_credit_still_prints_as_typed(library: Library, story: Callable[..., Path]) -> None:
    import_paths(library, [story("image_credit: Handout photo\n")])
    assert lead(library).credit_override == "Handout photo"


@pytest.mark.parametrize("key", ["image_license", "image_licensor"])
def test_a_licence_that_is_no_web_address_refuses_the_article(
    library: Library, story: Callable[..., Path], key: str
) -> None:
    folder = story()
    text = (folder / "ferry.md").read_text()
    text = re.sub(rf"^{key}: .*$", f"{key}: javascript:alert(1)", text, flags=re.M)
    (folder / "ferry.md").write_text(text)
    report = import_paths(library, [folder])
    assert [r.reason for r in report.refused] == [
        f"'{key}' must be a web address starting with https:// (not 'javascript:alert(1)')"
    ]
    with library.session() as session:
        assert session.scalars(select(Article)).all() == []
