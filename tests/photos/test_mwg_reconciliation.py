"""EXIF, IPTC IIM and XMP that disagree, reconciled by the MWG 2.0 rules.

Each case makes a JPEG with Pillow, tags it with ExifTool so that the three
blocks disagree in one of the ways the guidelines describe, and checks
every field against what ``exiftool -use MWG -MWG:all`` reads from it.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import encode, picture, run_exiftool

from workstation.photos.metadata import EmbeddedMetadata, read_metadata

# ExifTool's MWG composite tag -> our field.
MWG_FIELDS = {
    "Description": "caption",
    "Creator": "creator",
    "Copyright": "copyright_notice",
    "Keywords": "keywords",
    "City": "city",
    "State": "region",
    "Country": "country",
}
EVERY_FIELD = (
    "-EXIF:ImageDescription=EXIF caption",
    "-EXIF:Artist=EXIF Artist",
    "-EXIF:Copyright=EXIF copyright",
    "-EXIF:DateTimeOriginal=2024:05:01 10:20:30",
    "-EXIF:SubSecTimeOriginal=45",
    "-EXIF:OffsetTimeOriginal=+03:00",
)
IIM_FIELDS = (
    "-IPTC:Caption-Abstract=IIM caption",
    "-IPTC:By-line=IIM Byline",
    "-IPTC:CopyrightNotice=IIM copyright",
    "-IPTC:Keywords=iim-one",
    "-IPTC:Keywords=iim-two",
    "-IPTC:City=IIM City",
    "-IPTC:Province-State=IIM State",
    "-IPTC:Country-PrimaryLocationName=IIM Country",
    "-IPTC:DateCreated=2023:02:03",
    "-IPTC:TimeCreated=04:05:06+02:00",
)
XMP_FIELDS = (
    "-XMP-dc:Description=XMP caption",
    "-XMP-dc:Creator=XMP Creator",
    "-XMP-dc:Rights=XMP copyright",
    "-XMP-dc:Subject=xmp-one",
    "-XMP-dc:Subject=xmp-two",
    "-XMP-photoshop:City=XMP City",
    "-XMP-photoshop:State=XMP State",
    "-XMP-photoshop:Country=XMP Country",
    "-XMP-photoshop:DateCreated=2022:01:02 03:04:05.5-05:00",
)


def make(tmp_path: Path, *steps: tuple[str, ...]) -> Path:
    """A Pillow JPEG tagged by one ExifTool run per step, in order."""
    path = tmp_path / "mwg.jpg"
    path.write_bytes(encode(picture((96, 64))))
    for arguments in steps:
        run_exiftool(path, *arguments)
    return path


def exiftool_mwg(path: Path) -> dict[str, Any]:
    output = subprocess.run(
        ["exiftool", "-use", "MWG", "-MWG:all", "-j", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output)[0]


def exiftool_time(text: str) -> datetime:
    match = re.fullmatch(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?", text)
    assert match, text
    *parts, fraction, zone = match.groups()
    moment = datetime(*map(int, parts), int((fraction or "0").ljust(6, "0")[:6]))
    if zone:
        sign = -1 if zone.startswith("-") else 1
        hours, minutes = (0, 0) if zone == "Z" else map(int, zone[1:].split(":"))
        moment = moment.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return moment


def as_text(value: Any) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def assert_agrees_with_exiftool(path: Path) -> EmbeddedMetadata:
    """Every MWG field we read equals ExifTool's MWG reading (absent there means empty here)."""
    ours = read_metadata(path.read_bytes())
    theirs = exiftool_mwg(path)
    for tag, name in MWG_FIELDS.items():
        assert getattr(ours, name) == as_text(theirs.get(tag, "")), tag
    expected = exiftool_time(theirs["DateTimeOriginal"]) if "DateTimeOriginal" in theirs else None
    assert ours.date_taken == expected
    return ours


def test_exif_wins_over_iim_and_xmp(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, EVERY_FIELD + IIM_FIELDS + XMP_FIELDS))
    assert (ours.caption, ours.creator, ours.copyright_notice) == ("EXIF caption", "EXIF Artist", "EXIF copyright")


def test_exif_date_keeps_its_sub_seconds_and_time_zone(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, EVERY_FIELD + XMP_FIELDS))
    assert ours.date_taken == datetime(2024, 5, 1, 10, 20, 30, 450_000, tzinfo=timezone(timedelta(hours=3)))


def test_xmp_wins_over_iim_when_no_digest_was_stored(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, IIM_FIELDS + XMP_FIELDS))
    assert (ours.caption, ours.keywords, ours.city) == ("XMP caption", "xmp-one; xmp-two", "XMP City")
    assert ours.date_taken == datetime(2022, 1, 2, 3, 4, 5, 500_000, tzinfo=timezone(timedelta(hours=-5)))


def test_xmp_wins_when_the_stored_digest_matches_the_iim(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, IIM_FIELDS + XMP_FIELDS, ("-IPTCDigest=new",)))
    assert (ours.creator, ours.country) == ("XMP Creator", "XMP Country")
    assert ours.raw["IPTC:Digest"] == "matches the IIM block"


def test_iim_edited_after_the_digest_wins_over_xmp(tmp_path: Path) -> None:
    """An older tool corrected the IIM caption and left XMP and the digest as they were."""
    path = make(
        tmp_path,
        IIM_FIELDS + XMP_FIELDS,
        ("-IPTCDigest=new",),
        ("-IPTC:Caption-Abstract=Corrected in IIM", "-IPTC:City=Corrected City"),
    )
    ours = assert_agrees_with_exiftool(path)
    assert (ours.caption, ours.city, ours.creator) == ("Corrected in IIM", "Corrected City", "IIM Byline")
    assert ours.keywords == "iim-one; iim-two"
    assert ours.date_taken == datetime(2023, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=2)))
    assert ours.raw["IPTC:Digest"].startswith("differs")


def test_iim_fills_what_xmp_lacks_even_without_a_digest(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, IIM_FIELDS + ("-XMP-dc:Description=XMP caption",)))
    assert (ours.caption, ours.creator, ours.region) == ("XMP caption", "IIM Byline", "IIM State")


def test_iim_alone_is_read(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, IIM_FIELDS))
    assert (ours.copyright_notice, ours.country) == ("IIM copyright", "IIM Country")


def test_xmp_alone_is_read(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, XMP_FIELDS))
    assert (ours.copyright_notice, ours.region) == ("XMP copyright", "XMP State")


def test_blank_exif_gives_way(tmp_path: Path) -> None:
    ours = assert_agrees_with_exiftool(make(tmp_path, ("-EXIF:Artist=   ",) + XMP_FIELDS))
    assert ours.creator == "XMP Creator"


def test_iim_cut_at_its_field_length_is_completed_from_xmp(tmp_path: Path) -> None:
    whole = "A photographer whose name is longer than IIM allows"
    path = make(
        tmp_path,
        (f"-XMP-dc:Creator={whole}", f"-IPTC:By-line={whole[:32]}", "-IPTCDigest=00112233445566778899aabbccddeeff"),
    )
    ours = assert_agrees_with_exiftool(path)
    assert ours.creator == whole


def test_location_shown_wins_over_the_legacy_xmp_city(tmp_path: Path) -> None:
    path = make(tmp_path, ("-XMP-photoshop:City=Legacy", "-XMP-iptcExt:LocationShownCity=Shown City"))
    assert assert_agrees_with_exiftool(path).city == "Shown City"


@pytest.mark.parametrize("placeholder", ["OLYMPUS DIGITAL CAMERA", "SONY DSC"])
def test_camera_placeholder_in_exif_gives_way_to_xmp(tmp_path: Path, placeholder: str) -> None:
    """Beyond ExifTool: a camera's stock description is no caption, so the XMP one is read."""
    path = make(tmp_path, (f"-EXIF:ImageDescription={placeholder}", "-XMP-dc:Description=Real caption"))
    assert read_metadata(path.read_bytes()).caption == "Real caption"


@pytest.mark.filterwarnings("ignore:Metadata Warning")
def test_tiff_iim_edited_after_the_digest_wins_too(tmp_path: Path) -> None:
    """A TIFF keeps IIM and the digest in their own tags; the rule is the same."""
    path = tmp_path / "scan.tif"
    picture((40, 30)).save(path, "TIFF")
    for arguments in (
        ("-IPTC:Caption-Abstract=IIM caption", "-XMP-dc:Description=XMP caption"),
        ("-IPTCDigest=new",),
        ("-IPTC:Caption-Abstract=Corrected in IIM",),
    ):
        run_exiftool(path, *arguments)
    ours = read_metadata(path.read_bytes())
    assert ours.caption == as_text(exiftool_mwg(path)["Description"]) == "Corrected in IIM"
