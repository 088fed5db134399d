"""Reading caption, credit and rights from IPTC IIM, XMP and EXIF."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from photo_helpers import encode, picture, run_exiftool
from PIL import Image, PngImagePlugin

from tests.exiftool import exiftool
from workstation.photos.metadata import RAW_VALUE_LIMIT, read_metadata

KYIV = timezone(timedelta(hours=2))


def test_iptc_only_file_fills_every_field(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-IPTC:Caption-Abstract=Rescuers clear rubble",
        "-IPTC:Headline=Night strike",
        "-IPTC:By-line=Vincenzo Circosta",
        "-IPTC:Credit=Anadolu Agency via Getty Images",
        "-IPTC:Source=Getty Images",
        "-IPTC:CopyrightNotice=2026 Anadolu",
        "-IPTC:City=Kharkiv",
        "-IPTC:Province-State=Kharkiv Oblast",
        "-IPTC:Country-PrimaryLocationName=Ukraine",
    )
    meta = read_metadata(data)
    assert (meta.caption, meta.headline, meta.creator) == ("Rescuers clear rubble", "Night strike", "Vincenzo Circosta")
    assert (meta.credit_line, meta.source, meta.copyright_notice) == (
        "Anadolu Agency via Getty Images",
        "Getty Images",
        "2026 Anadolu",
    )
    assert (meta.city, meta.region, meta.country) == ("Kharkiv", "Kharkiv Oblast", "Ukraine")


def test_xmp_only_file_fills_every_field(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-XMP-dc:Description=Rescuers clear rubble",
        "-XMP-photoshop:Headline=Night strike",
        "-XMP-dc:Creator=Vincenzo Circosta",
        "-XMP-photoshop:Credit=Anadolu Agency via Getty Images",
        "-XMP-photoshop:Source=Getty Images",
        "-XMP-dc:Rights=2026 Anadolu",
        "-XMP-xmpRights:UsageTerms=Editorial use only",
        "-XMP-photoshop:City=Kharkiv",
        "-XMP-photoshop:State=Kharkiv Oblast",
        "-XMP-photoshop:Country=Ukraine",
    )
    meta = read_metadata(data)
    assert (meta.caption, meta.headline, meta.creator) == ("Rescuers clear rubble", "Night strike", "Vincenzo Circosta")
    assert (meta.credit_line, meta.source, meta.copyright_notice, meta.usage_terms) == (
        "Anadolu Agency via Getty Images",
        "Getty Images",
        "2026 Anadolu",
        "Editorial use only",
    )
    assert (meta.city, meta.region, meta.country) == ("Kharkiv", "Kharkiv Oblast", "Ukraine")


def test_iptc_and_xmp_agreeing_give_one_value(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-IPTC:By-line=Olena Kovalenko", "-XMP-dc:Creator=Olena Kovalenko")
    assert read_metadata(data).creator == "Olena Kovalenko"


def test_xmp_wins_when_iptc_and_xmp_disagree(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-IPTC:Caption-Abstract=Old caption from the wire",
        "-XMP-dc:Description=Corrected caption",
        "-IPTC:Credit=Old Agency",
        "-XMP-photoshop:Credit=New Agency",
    )
    meta = read_metadata(data)
    assert (meta.caption, meta.credit_line) == ("Corrected caption", "New Agency")
    assert meta.raw["IPTC:Caption-Abstract"] == "Old caption from the wire"


def test_iptc_fills_fields_xmp_lacks(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-XMP-dc:Description=Caption in XMP", "-IPTC:Source=Source in IPTC")
    meta = read_metadata(data)
    assert (meta.caption, meta.source) == ("Caption in XMP", "Source in IPTC")


def test_exif_wins_over_iptc_as_mwg_says(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:Artist=Camera Owner", "-IPTC:By-line=Agency Photographer")
    assert read_metadata(data).creator == "Camera Owner"


def test_exif_only_file_falls_back_to_description_artist_copyright(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-EXIF:ImageDescription=Harbour at dawn", "-EXIF:Artist=Ivan Petrenko", "-EXIF:Copyright=Ivan Petrenko 2026"
    )
    meta = read_metadata(data)
    assert (meta.caption, meta.creator, meta.copyright_notice) == (
        "Harbour at dawn",
        "Ivan Petrenko",
        "Ivan Petrenko 2026",
    )


def test_camera_placeholder_description_is_no_caption(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:ImageDescription=OLYMPUS DIGITAL CAMERA         ")
    assert read_metadata(data).caption == ""


def test_cyrillic_iptc_and_xmp_stay_intact(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-IPTC:Caption-Abstract=Бахмут: рятувальники розбирають завали",
        "-IPTC:By-line=Олена Коваленко",
        "-XMP-photoshop:Credit=Укрінформ",
        "-XMP-photoshop:City=Київ",
    )
    meta = read_metadata(data)
    assert meta.caption == "Бахмут: рятувальники розбирають завали"
    assert (meta.creator, meta.credit_line, meta.city) == ("Олена Коваленко", "Укрінформ", "Київ")


def test_cyrillic_exif_written_as_utf8_is_decoded(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:Artist=Олена Коваленко")
    assert read_metadata(data).creator == "Олена Коваленко"


def test_iptc_without_declared_charset_reads_latin1(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jpg"
    path.write_bytes(encode(picture((64, 48))))
    exiftool("-q", "-overwrite_original", "-charset", "iptc=Latin", "-IPTC:By-line=José Müller", str(path))
    assert read_metadata(path.read_bytes()).creator == "José Müller"


def test_date_created_with_offset_is_aware(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-XMP-photoshop:DateCreated=2024:03:01 10:20:30+02:00")
    assert read_metadata(data).date_taken == datetime(2024, 3, 1, 10, 20, 30, tzinfo=KYIV)


def test_iptc_date_and_time_combine(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-IPTC:DateCreated=2024:03:01", "-IPTC:TimeCreated=10:20:30+02:00")
    assert read_metadata(data).date_taken == datetime(2024, 3, 1, 10, 20, 30, tzinfo=KYIV)


def test_exif_date_taken_uses_offset_time_original(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:DateTimeOriginal=2024:03:01 10:20:30", "-EXIF:OffsetTimeOriginal=+02:00")
    assert read_metadata(data).date_taken == datetime(2024, 3, 1, 10, 20, 30, tzinfo=KYIV)


def test_exif_date_without_offset_is_naive(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:DateTimeOriginal=2024:03:01 10:20:30")
    assert read_metadata(data).date_taken == datetime(2024, 3, 1, 10, 20, 30)


def test_impossible_date_is_ignored(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-EXIF:DateTimeOriginal=2024:13:45 99:99:99")
    assert read_metadata(data).date_taken is None


def test_xmp_alt_prefers_x_default_language() -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
        '<rdf:li xml:lang="uk">Підпис</rdf:li><rdf:li xml:lang="x-default">Caption</rdf:li>'
        "</rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    assert read_metadata(encode(picture((32, 32)), xmp=packet.encode())).caption == "Caption"


def test_xmp_attribute_properties_are_read() -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Reuters"/>'
        "</rdf:RDF></x:xmpmeta>"
    )
    assert read_metadata(encode(picture((32, 32)), xmp=packet.encode())).credit_line == "Reuters"


def test_several_creators_are_joined(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-XMP-dc:Creator=Anna", "-XMP-dc:Creator+=Borys")
    assert read_metadata(data).creator == "Anna; Borys"


def test_broken_xmp_packet_is_ignored_and_recorded() -> None:
    data = encode(picture((32, 32)), xmp=b"<x:xmpmeta><rdf:RDF><unclosed")
    meta = read_metadata(data)
    assert meta.caption == ""
    assert "broken XMP packet" in meta.raw["XMP:Error"]


def test_xml_entity_bomb_in_xmp_is_refused_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>'
    )
    meta = read_metadata(encode(picture((32, 32)), xmp=bomb))
    assert "XMP:Error" in meta.raw


def test_hostile_huge_fields_are_truncated(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-m", f"-IPTC:Caption-Abstract={'x' * 30000}", f"-XMP-dc:Creator={'y' * 20000}")
    meta = read_metadata(data)
    assert len(meta.caption) == 8000
    assert len(meta.creator) == 300
    assert all(len(value) <= RAW_VALUE_LIMIT for value in meta.raw.values())


def test_raw_is_json_safe_and_names_its_sources(fixture_photos: Path) -> None:
    meta = read_metadata((fixture_photos / "ExifTool.jpg").read_bytes())
    json.dumps(meta.raw)
    assert meta.raw["IPTC:Caption-Abstract"] == "A witty caption"
    assert meta.raw["EXIF-IFD0:Artist"] == "Phil Harvey"


def test_raw_shows_binary_exif_by_size_only(fixture_photos: Path) -> None:
    meta = read_metadata((fixture_photos / "Canon.jpg").read_bytes())
    assert meta.raw["EXIF-ExifIFD:MakerNote"].endswith("bytes of binary data)")


def test_control_characters_are_removed_from_fields() -> None:
    data = encode(picture((32, 32)), exif=_exif_with_artist(b"Ann\x07a\x00"))
    assert read_metadata(data).creator == "Ann a"


def _exif_with_artist(value: bytes) -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = value
    return exif


def test_iptc_fixture_reads_caption_credit_source_copyright(fixture_photos: Path) -> None:
    meta = read_metadata((fixture_photos / "IPTC.jpg").read_bytes())
    assert (meta.caption, meta.creator, meta.credit_line) == ("A witty caption", "Phil Harvey", "My Credit")
    assert (meta.source, meta.copyright_notice) == ("I'm the source", "Copyright 2004 Phil Harvey")


def test_utf16_xmp_fixture_is_read(fixture_photos: Path) -> None:
    meta = read_metadata((fixture_photos / "XMP.jpg").read_bytes())
    # The EXIF ImageDescription wins the caption, as MWG says; the rest is XMP's.
    assert meta.raw["XMP-dc:description"] == "UTF-16 (big-endian) encoded XMP"
    assert (meta.creator, meta.credit_line, meta.source) == ("Phil Harvey", "My Credit", "I'm the source")


def test_exif_fallback_fixture_reads_gps_jpg(fixture_photos: Path) -> None:
    meta = read_metadata((fixture_photos / "GPS.jpg").read_bytes())
    assert (meta.caption, meta.creator, meta.source) == ("Communications", "Ian Britton", "FreeFoto.com")


def test_camera_fixtures_without_captions_read_empty(fixture_photos: Path) -> None:
    for name in ("Nikon.jpg", "Sony.jpg", "Canon.jpg", "Apple.jpg", "Google.jpg"):
        meta = read_metadata((fixture_photos / name).read_bytes())
        assert (meta.caption, meta.creator, meta.credit_line) == ("", "", ""), name


def test_phone_date_taken_keeps_its_offset(fixture_photos: Path) -> None:
    taken = read_metadata((fixture_photos / "Google.jpg").read_bytes()).date_taken
    assert taken is not None and taken.utcoffset() == timedelta(hours=2)


def test_bytes_that_are_no_image_give_empty_metadata() -> None:
    meta = read_metadata(b"not an image at all")
    assert meta.caption == "" and "Error" in meta.raw


def test_png_with_xmp_is_read() -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Олена</rdf:li>'
        "</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet)
    data = encode(picture((32, 32)), "PNG", pnginfo=info)
    assert read_metadata(data).creator == "Олена"


def test_location_created_structure_fills_city_region_country(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-XMP-iptcExt:LocationCreated={City=Одеса,ProvinceState=Odesa Oblast,CountryName=Ukraine}")
    meta = read_metadata(data)
    assert (meta.city, meta.region, meta.country) == ("Одеса", "Odesa Oblast", "Ukraine")
    assert (
        meta.raw["XMP-Iptc4xmpExt:LocationCreated"] == "City: Одеса, CountryName: Ukraine, ProvinceState: Odesa Oblast"
    )


def test_xmp_create_date_is_the_last_fallback(tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-XMP-xmp:CreateDate=2025:01:02 03:04:05+03:00")
    assert read_metadata(data).date_taken == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.filterwarnings("ignore:Metadata Warning")
def test_tiff_with_iptc_and_xmp_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    picture((40, 30)).save(path, "TIFF")
    run_exiftool(path, "-IPTC:By-line=Олена", "-XMP-dc:Description=Опис")
    meta = read_metadata(path.read_bytes())
    assert (meta.creator, meta.caption) == ("Олена", "Опис")
