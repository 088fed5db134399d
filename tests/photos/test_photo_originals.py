"""Originals exported for a wire: record's rights in IPTC and XMP, GPS gone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import encode, picture
from PIL import Image

from workstation.errors import ImageRefused
from workstation.photos.metadata import read_metadata
from workstation.photos.originals import export_original, iim_block
from workstation.photos.rights import RightsMetadata

RIGHTS = RightsMetadata(
    creator="Олена Коваленко",
    credit_line="Укрінформ",
    copyright_notice="© 2026 Ukrinform",
    caption="Київ: черга по воду & <світло>",
    usage_terms="Editorial use only",
)
Tags = Callable[[bytes], dict[str, Any]]


def pixels(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.tobytes()


def entropy_data(jpeg: bytes) -> bytes:
    return jpeg[jpeg.index(b"\xff\xda") : jpeg.rindex(b"\xff\xd9") + 2]


def test_exported_original_carries_record_in_iptc_read_by_exiftool(fixture_photos: Path, tags: Tags) -> None:
    found = tags(export_original((fixture_photos / "GPS.jpg").read_bytes(), RIGHTS))
    assert found["IPTC:CodedCharacterSet"] == "UTF8"
    assert found["IPTC:Caption-Abstract"] == "Київ: черга по воду & <світло>"
    assert found["IPTC:By-line"] == "Олена Коваленко"
    assert found["IPTC:Credit"] == "Укрінформ"
    assert found["IPTC:CopyrightNotice"] == "© 2026 Ukrinform"


def test_exported_original_carries_record_in_xmp_read_by_exiftool(fixture_photos: Path, tags: Tags) -> None:
    found = tags(export_original((fixture_photos / "GPS.jpg").read_bytes(), RIGHTS))
    assert found["XMP-dc:Description"] == "Київ: черга по воду & <світло>"
    assert found["XMP-dc:Creator"] == "Олена Коваленко"
    assert found["XMP-photoshop:Credit"] == "Укрінформ"
    assert found["XMP-dc:Rights"] == "© 2026 Ukrinform"
    assert found["XMP-xmpRights:UsageTerms"] == "Editorial use only"


def test_record_replaces_stale_embedded_caption(fixture_photos: Path, tags: Tags) -> None:
    found = tags(export_original((fixture_photos / "ExifTool.jpg").read_bytes(), RIGHTS))
    assert found["IFD0:ImageDescription"] == "Київ: черга по воду & <світло>"
    assert "A witty caption" not in str(found)
    assert "IPTC:Source" not in found


@pytest.mark.parametrize("fixture", ["GPS.jpg", "Apple.jpg", "Google.jpg"])
def test_gps_is_removed_by_default(fixture_photos: Path, tags: Tags, fixture: str) -> None:
    found = tags(export_original((fixture_photos / fixture).read_bytes(), RIGHTS))
    assert not any("GPS" in key for key in found)


def test_gps_is_kept_only_when_asked(fixture_photos: Path, tags: Tags) -> None:
    found = tags(export_original((fixture_photos / "GPS.jpg").read_bytes(), RIGHTS, keep_gps=True))
    assert found["GPS:GPSLatitude"] == "54 deg 59' 22.80\""


def test_serial_numbers_owner_and_maker_notes_are_dropped(fixture_photos: Path, tags: Tags) -> None:
    found = tags(export_original((fixture_photos / "Canon.jpg").read_bytes(), RIGHTS))
    names = " ".join(found)
    assert "SerialNumber" not in names and "OwnerName" not in names
    assert not any(key.startswith(("Canon:", "MakerNotes:")) for key in found)
    assert found["IFD0:Model"] == "Canon EOS DIGITAL REBEL"


def test_jpeg_pixels_are_not_re_encoded(fixture_photos: Path) -> None:
    original = (fixture_photos / "Google.jpg").read_bytes()
    exported = export_original(original, RIGHTS)
    assert entropy_data(exported) == entropy_data(original)
    assert pixels(exported) == pixels(original)


def test_orientation_is_kept_for_untouched_pixels(tags: Tags) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    found = tags(export_original(encode(picture((300, 200)), exif=exif), RIGHTS))
    assert found["IFD0:Orientation"] == "Rotate 90 CW"


def test_progressive_jpeg_keeps_all_scans(tags: Tags) -> None:
    original = encode(picture((400, 300)), progressive=True)
    exported = export_original(original, RIGHTS)
    assert pixels(exported) == pixels(original)
    assert tags(exported)["IPTC:By-line"] == "Олена Коваленко"


def test_cmyk_jpeg_keeps_its_adobe_marker_and_colours() -> None:
    original = encode(Image.new("CMYK", (64, 48), (0, 255, 0, 0)))
    exported = export_original(original, RIGHTS)
    assert pixels(exported) == pixels(original)
    assert Image.open(io.BytesIO(exported)).convert("RGB").getpixel((3, 3)) == (255, 0, 255)


def test_data_after_end_of_image_is_dropped() -> None:
    original = encode(picture((200, 100))) + b"second image with GPS" * 10
    assert b"second image" not in export_original(original, RIGHTS)


def test_png_is_re_encoded_as_jpeg_with_rights(tags: Tags) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    exported = export_original(encode(picture((300, 200)), "PNG", exif=exif), RIGHTS)
    image = Image.open(io.BytesIO(exported))
    assert image.format == "JPEG" and image.size == (200, 300)
    found = tags(exported)
    assert found["IPTC:Caption-Abstract"] == RIGHTS.caption
    assert "IFD0:Orientation" not in found


def test_jpeg_with_garbage_between_segments_is_re_encoded(tags: Tags) -> None:
    original = encode(picture((200, 100)))
    tables = original.index(b"\xff\xdb")
    exported = export_original(original[:tables] + b"\x00\x00junk" + original[tables:], RIGHTS)
    assert b"junk" not in exported
    assert Image.open(io.BytesIO(exported)).size == (200, 100)
    assert tags(exported)["IPTC:By-line"] == "Олена Коваленко"


def test_exported_file_reads_back_through_our_own_reader(fixture_photos: Path) -> None:
    meta = read_metadata(export_original((fixture_photos / "IPTC.jpg").read_bytes(), RIGHTS))
    assert (meta.caption, meta.creator, meta.credit_line) == (RIGHTS.caption, RIGHTS.creator, RIGHTS.credit_line)
    assert meta.usage_terms == "Editorial use only"


def test_empty_fields_are_not_written(tags: Tags) -> None:
    found = tags(export_original(encode(picture((64, 48))), RightsMetadata(creator="Anna")))
    assert found["IPTC:By-line"] == "Anna"
    assert "IPTC:Caption-Abstract" not in found and "XMP-dc:Description" not in found


def test_iim_value_is_cut_at_a_character_boundary() -> None:
    block = iim_block(RightsMetadata(caption="Ж" * 40_000))
    caption = block[block.index(b"\x1c\x02\x78") + 5 :]
    caption.decode("utf-8")
    assert len(caption) <= 0x7FFF


def test_hostile_huge_caption_still_exports(tags: Tags) -> None:
    rights = RightsMetadata(caption="<&]]>" * 50_000, creator="x" * 10_000)
    found = tags(export_original(encode(picture((64, 48))), rights))
    assert found["IPTC:Caption-Abstract"].startswith("<&]]><&]]>")


def test_unreadable_original_is_refused() -> None:
    with pytest.raises(ImageRefused, match="cannot be exported"):
        export_original(b"not an image", RIGHTS)
