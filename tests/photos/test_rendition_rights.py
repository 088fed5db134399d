"""Every rendition and exported original carries the record's rights in XMP and IIM, in step (read by ExifTool)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import encode, picture, run_exiftool

from workstation.photos.metadata import read_metadata
from workstation.photos.originals import export_original
from workstation.photos.renditions import make_rendition
from workstation.photos.rights import RightsMetadata

Tags = Callable[[bytes], dict[str, Any]]
AI = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
NO_AI_TRAINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"
RIGHTS = RightsMetadata(
    creator="Олена Коваленко",
    credit_line="Укрінформ via Wire",
    copyright_notice="© 2026 Ukrinform",
    caption="Київ уночі",
    usage_terms="Editorial use only",
    source="Ukrinform",
    web_statement="https://news.example/licensing",
    licensor_url="https://photos.example/buy/123",
    city="Київ",
    region="Kyiv Oblast",
    country="Ukraine",
    keywords="night; city",
    alt_text="Lit windows of a tower block at night",
    extended_description="A twelve-storey block with about half its windows lit.",
    digital_source_type=AI,
    data_mining=NO_AI_TRAINING,
)


@pytest.fixture
def camera_jpeg(tmp_path: Path) -> bytes:
    path = tmp_path / "camera.jpg"
    path.write_bytes(encode(picture((800, 600))))
    run_exiftool(
        path,
        "-GPSLatitude=50.45",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=30.52",
        "-GPSLongitudeRef=E",
        "-XMP-exif:GPSLatitude=50.45 N",
        "-IPTC:Credit=(Printed/Credit via Camera)",
        "-SerialNumber=123456",
    )
    return path.read_bytes()


def assert_rights(found: dict[str, Any], *, iim: bool) -> None:
    assert found["XMP-photoshop:Credit"] == "Укрінформ via Wire"
    assert found["XMP-photoshop:Source"] == "Ukrinform"
    assert found["XMP-dc:Rights"] == "© 2026 Ukrinform"
    assert found["XMP-xmpRights:UsageTerms"] == "Editorial use only"
    assert found["XMP-xmpRights:WebStatement"] == "https://news.example/licensing"
    assert found["XMP-plus:LicensorURL"] == "https://photos.example/buy/123"
    assert (found["XMP-photoshop:City"], found["XMP-photoshop:Country"]) == ("Київ", "Ukraine")
    assert found["XMP-iptcCore:AltTextAccessibility"] == "Lit windows of a tower block at night"
    assert found["XMP-iptcExt:DigitalSourceType"] == AI
    assert found["XMP-dc:Subject"] == ["night", "city"]
    assert not any("GPS" in key for key in found), [key for key in found if "GPS" in key]
    if iim:
        assert found["IPTC:Credit"] == "Укрінформ via Wire"
        assert found["IPTC:Source"] == "Ukrinform"
        assert found["IPTC:CopyrightNotice"] == "© 2026 Ukrinform"
        assert (found["IPTC:City"], found["IPTC:Country-PrimaryLocationName"]) == ("Київ", "Ukraine")
        assert found["IPTC:Keywords"] == ["night", "city"]
        assert found["Photoshop:IPTCDigest"] == found["File:CurrentIPTCDigest"]


def test_jpeg_rendition_keeps_credit_line_and_every_rights_field_in_xmp_and_iim(camera_jpeg: bytes, tags: Tags) -> None:
    found = tags(make_rendition(camera_jpeg, 480, rights=RIGHTS).data)
    assert_rights(found, iim=True)


def test_webp_rendition_keeps_them_in_xmp(camera_jpeg: bytes, tags: Tags) -> None:
    found = tags(make_rendition(camera_jpeg, 480, fmt="webp", rights=RIGHTS).data)
    assert_rights(found, iim=False)


def test_data_mining_is_written(camera_jpeg: bytes) -> None:
    data = make_rendition(camera_jpeg, 480, rights=RIGHTS).data
    assert b"<plus:DataMining>" + NO_AI_TRAINING.encode() + b"</plus:DataMining>" in data
    assert read_metadata(data).data_mining == NO_AI_TRAINING


def test_exported_original_keeps_iim_and_xmp_in_step(camera_jpeg: bytes, tags: Tags) -> None:
    data = export_original(camera_jpeg, RIGHTS)
    assert_rights(tags(data), iim=True)
    assert "Printed/Credit" not in str(tags(data))


def test_rendition_reads_back_as_the_record(camera_jpeg: bytes) -> None:
    """What we write, our own reader (MWG rules) gives back field by field."""
    meta = read_metadata(make_rendition(camera_jpeg, 480, rights=RIGHTS).data)
    for name in (
        "creator", "credit_line", "copyright_notice", "caption", "usage_terms", "source", "web_statement",
        "licensor_url", "city", "region", "country", "keywords", "alt_text", "extended_description",
        "digital_source_type", "data_mining",
    ):
        assert getattr(meta, name) == getattr(RIGHTS, name), name


def test_oversized_texts_are_shortened_to_fit_one_segment_in_every_block(camera_jpeg: bytes, tags: Tags) -> None:
    huge = RightsMetadata(caption="&<Ж" * 5000, extended_description="&" * 4000, usage_terms="<" * 4000, creator="Anna")
    data = make_rendition(camera_jpeg, 480, rights=huge).data
    found = tags(data)
    assert found["XMP-dc:Creator"] == "Anna"
    assert found["IPTC:Caption-Abstract"] == found["XMP-dc:Description"]
    assert found["Photoshop:IPTCDigest"] == found["File:CurrentIPTCDigest"]
