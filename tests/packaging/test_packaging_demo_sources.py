"""The demo library's sources: original articles and profiles that parse, and photos that carry their metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from packaging_support import SAMPLE, require_tool

from tests.exiftool import exiftool
from workstation.library.frontmatter import ArticleSource, AuthorSource, read_source
from workstation.photos.metadata import read_metadata

ARTICLES = sorted((SAMPLE / "articles").glob("*.md"))
AUTHORS = sorted((SAMPLE / "authors").glob("*.md"))
PHOTOS = sorted((SAMPLE / "photos").glob("*.jpg"))


def exif(path: Path, *tags: str) -> dict[str, object]:
    """ExifTool's reading, keyed "Group:Tag" (IPTC and XMP share tag names)."""
    require_tool("exiftool")
    out = exiftool("-j", "-n", "-G1", *tags, str(path)).stdout
    return json.loads(out)[0]


def test_there_are_six_articles_in_at_least_two_sections() -> None:
    sources = [read_source(path) for path in ARTICLES]
    assert len(sources) >= 6 and all(isinstance(s, ArticleSource) for s in sources)
    assert len({s.section for s in sources}) >= 2


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_is_350_to_700_words_with_a_described_lead_photo(path: Path) -> None:
    source = read_source(path)
    assert 350 <= len(source.body.split()) <= 700
    assert (path.parent / source.image).is_file()
    assert source.image_alt and source.image_caption and source.summary and source.tags
    assert source.date is not None and source.date.utcoffset() is not None


def test_exactly_one_article_is_a_draft() -> None:
    assert [read_source(p).status for p in ARTICLES].count("draft") == 1


def test_one_article_has_a_two_author_byline() -> None:
    assert any(len(read_source(p).authors) == 2 for p in ARTICLES)


def test_articles_show_video_related_card_table_and_footnote() -> None:
    bodies = "\n".join(read_source(p).body for p in ARTICLES)
    assert "\nhttps://www.youtube.com/watch?v=" in bodies
    assert "\n[[" in bodies and "\n| --- |" in bodies and "[^" in bodies


def test_related_cards_name_articles_that_exist() -> None:
    slugs = {read_source(p).slug for p in ARTICLES}
    for path in ARTICLES:
        for line in read_source(path).body.splitlines():
            if line.startswith("[[") and line.endswith("]]"):
                assert line[2:-2] in slugs, path.name


def test_every_byline_names_a_profile() -> None:
    profiles = [read_source(p) for p in AUTHORS]
    known = {p.slug for p in profiles} | {p.name for p in profiles}
    for path in ARTICLES:
        assert set(read_source(path).authors) <= known, path.name


def test_three_profiles_with_avatars_and_one_cyrillic_name() -> None:
    profiles = [read_source(p) for p in AUTHORS]
    assert len(profiles) >= 3 and all(isinstance(p, AuthorSource) for p in profiles)
    assert all(p.bio.strip() and p.role and p.email and (Path(p.path).parent / p.avatar).is_file() for p in profiles)
    cyrillic = [p for p in profiles if any("\u0400" <= ch <= "\u04ff" for ch in p.name)]
    assert cyrillic and cyrillic[0].slug.isascii()


def test_eight_photos_each_under_250_kb_and_all_under_2_5_mb() -> None:
    sizes = [p.stat().st_size for p in PHOTOS] + [p.stat().st_size for p in (SAMPLE / "avatars").glob("*.jpg")]
    assert len(PHOTOS) >= 8
    assert max(sizes) < 250 * 1024 and sum(sizes) < 2.5 * 1024 * 1024


@pytest.mark.parametrize("path", PHOTOS, ids=lambda p: p.stem)
def test_photo_is_a_picture_not_a_flat_colour(path: Path) -> None:
    with Image.open(path) as img:
        colours = img.convert("RGB").resize((160, 107)).getcolors(maxcolors=160 * 107)
        assert colours is not None and len(colours) > 2000


@pytest.mark.parametrize("path", PHOTOS, ids=lambda p: p.stem)
def test_photo_carries_caption_creator_credit_and_copyright_that_import_reads(path: Path) -> None:
    found = read_metadata(path.read_bytes())
    assert found.caption and found.headline and found.creator and found.source
    assert found.credit_line.endswith(" via Millbrook Wire")
    assert found.copyright_notice.startswith("© 2026 ")
    assert found.city == "Millbrook" and found.date_taken.utcoffset() is not None


@pytest.mark.parametrize("path", PHOTOS, ids=lambda p: p.stem)
def test_photo_says_the_same_in_iptc_and_xmp(path: Path) -> None:
    tags = exif(path, "-IPTC:Caption-Abstract", "-XMP-dc:Description", "-IPTC:Credit", "-XMP-photoshop:Credit")
    assert tags["IPTC:Caption-Abstract"] == tags["XMP-dc:Description"]
    assert tags["IPTC:Credit"] == tags["XMP-photoshop:Credit"]


def test_one_photo_has_a_ukrainian_caption() -> None:
    captions = [read_metadata(p.read_bytes()).caption for p in PHOTOS]
    assert any("Вирішальна позиція" in caption for caption in captions)


def test_one_photo_carries_a_gps_position_for_export_to_scrub() -> None:
    positions = [exif(p, "-GPSLatitude", "-GPSLongitude") for p in PHOTOS]
    assert sum("GPS:GPSLatitude" in tags for tags in positions) == 1


def test_one_photo_is_stored_sideways_with_orientation_6() -> None:
    rotated = [p for p in PHOTOS if exif(p, "-Orientation").get("IFD0:Orientation") == 6]
    assert len(rotated) == 1
    with Image.open(rotated[0]) as img:
        upright = ImageOps.exif_transpose(img)
        assert img.width > img.height
        assert upright.height > upright.width
