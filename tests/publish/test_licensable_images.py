"""A published photo is licensable and honest: JSON-LD licence fields, the AI label, rights in the files."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from tests.exiftool import exiftool as run_exiftool
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.library.settings import load_settings, save_settings

AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
PAGE = Path("articles") / "river-rises" / "index.html"


def set_lead(library: Library, **fields: str) -> None:
    with library.transaction() as session:
        photo = session.scalars(select(Photo).where(Photo.original_filename == "frontline.jpg")).one()
        for name, value in fields.items():
            setattr(photo, name, value)


def article_jsonld(site: Path) -> dict:
    html = (site / PAGE).read_text()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def lead_files(site: Path, tagged_photo: bytes) -> list[Path]:
    """The JPEG renditions of the lead photo (named after its hash) the page uses."""
    prefix = hashlib.sha256(tagged_photo).hexdigest()[:16]
    html = (site / PAGE).read_text()
    names = set(re.findall(rf"images/({prefix}[\w.-]+\.jpg)", html))
    assert names
    return [site / "images" / name for name in sorted(names)]


def exiftool(path: Path) -> dict:
    output = run_exiftool("-j", "-G1", str(path)).stdout
    return json.loads(output)[0]


def test_image_object_has_what_google_images_needs_to_show_it_as_licensable(
    newsroom: Library, export: Callable[..., Path]
) -> None:
    set_lead(newsroom, web_statement="https://news.example.org/licensing", licensor_url="https://photos.example/buy/7")
    image = article_jsonld(export(base_url="https://news.example.org/"))["image"][0]
    assert image["license"] == "https://news.example.org/licensing"
    assert image["acquireLicensePage"] == "https://photos.example/buy/7"
    assert image["creditText"] == "Northern Agency via Wire Service"
    assert image["creator"] == {"@type": "Person", "name": "Olena Kovalenko"}
    assert image["copyrightNotice"] == "© 2026 Northern Agency"


def test_photo_without_licence_addresses_leaves_them_out(newsroom: Library, export: Callable[..., Path]) -> None:
    image = article_jsonld(export(base_url="https://news.example.org/"))["image"][0]
    assert "license" not in image and "acquireLicensePage" not in image


def test_ai_made_photo_is_labelled_beside_its_credit_and_in_json_ld(
    newsroom: Library, export: Callable[..., Path], tagged_photo: bytes
) -> None:
    set_lead(newsroom, digital_source_type=AI)
    site = export(base_url="https://news.example.org/")
    html = (site / PAGE).read_text()
    assert re.search(r'<span class="credit">[^<]+</span> <span class="ai-label">AI-generated image</span>', html)
    assert article_jsonld(site)["image"][0]["digitalSourceType"] == AI
    assert all(exiftool(path)["XMP-iptcExt:DigitalSourceType"] == AI for path in lead_files(site, tagged_photo))


def test_camera_photo_carries_no_ai_label(newsroom: Library, export: Callable[..., Path]) -> None:
    set_lead(newsroom, digital_source_type=CAMERA)
    assert "ai-label" not in (export() / PAGE).read_text()


def test_house_data_mining_default_is_in_every_published_image_unless_the_photo_overrides_it(
    newsroom: Library, export: Callable[..., Path], tagged_photo: bytes
) -> None:
    with newsroom.transaction() as session:
        settings = load_settings(session)
        settings.data_mining = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED"
        save_settings(session, settings)
    site = export()
    everything = list((site / "images").glob("*.jpg"))
    assert everything and all(b"DMI-PROHIBITED</plus:DataMining>" in p.read_bytes() for p in everything)
    set_lead(newsroom, data_mining="http://ns.useplus.org/ldf/vocab/DMI-ALLOWED")
    site = export(outdir=site.parent / "again")
    assert all(b"DMI-ALLOWED</plus:DataMining>" in p.read_bytes() for p in lead_files(site, tagged_photo))


def test_published_files_keep_credit_line_source_and_place_but_no_gps(
    newsroom: Library, export: Callable[..., Path], tagged_photo: bytes
) -> None:
    set_lead(newsroom, source="Wire Service", city="Kharkiv", country="Ukraine", web_statement="https://l.example/")
    for path in lead_files(export(), tagged_photo):
        tags = exiftool(path)
        assert tags["XMP-photoshop:Credit"] == tags["IPTC:Credit"] == "Northern Agency via Wire Service"
        assert tags["XMP-photoshop:Source"] == tags["IPTC:Source"] == "Wire Service"
        assert (tags["IPTC:City"], tags["XMP-photoshop:Country"]) == ("Kharkiv", "Ukraine")
        assert tags["XMP-xmpRights:WebStatement"] == "https://l.example/"
        assert not any("GPS" in key for key in tags)
