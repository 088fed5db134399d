"""Published sizes: never enlarged, upright, cropped around the focal point, scrubbed."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import encode, picture
from PIL import Image

from workstation.errors import ImageRefused
from workstation.photos.renditions import (
    RENDITION_WIDTHS,
    RightsMetadata,
    crop_box,
    make_rendition,
    rendition_widths,
)

RIGHTS = RightsMetadata(
    creator="Олена Коваленко",
    credit_line="Укрінформ",
    copyright_notice="© 2026 Ukrinform",
    caption="Київ уночі",
    usage_terms="Editorial use only",
)
Tags = Callable[[bytes], dict[str, Any]]


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def marked(size: tuple[int, int], spot: tuple[int, int], half: int = 10) -> Image.Image:
    """A grey frame with one red square at ``spot``, to find after cropping."""
    image = Image.new("RGB", size, (128, 128, 128))
    x, y = spot
    image.paste((255, 0, 0), (x - half, y - half, x + half, y + half))
    return image


def has_red(image: Image.Image) -> bool:
    pixels = image.convert("RGB").tobytes()
    return any(pixels[i] > 200 and pixels[i + 1] < 80 and pixels[i + 2] < 80 for i in range(0, len(pixels), 3))


def test_standard_widths() -> None:
    assert RENDITION_WIDTHS == (480, 960, 1600, 2400)


def test_rendition_has_the_width_asked_for() -> None:
    rendition = make_rendition(encode(picture((2000, 1000))), 960)
    assert (rendition.width, rendition.height, rendition.mime) == (960, 480, "image/jpeg")
    assert opened(rendition.data).size == (960, 480)


def test_small_original_is_never_upscaled() -> None:
    rendition = make_rendition(encode(picture((700, 350))), 2400)
    assert (rendition.width, rendition.height) == (700, 350)


def test_widths_for_a_small_original_end_at_its_own_width() -> None:
    assert rendition_widths(700) == (480, 700)
    assert rendition_widths(300) == (300,)
    assert rendition_widths(6000) == RENDITION_WIDTHS


def test_an_original_barely_wider_than_a_standard_width_gets_no_width_of_its_own() -> None:
    # 1800 is an eighth wider than 1600: a srcset step no reader sees, and the dearest files to encode.
    assert rendition_widths(1800) == (480, 960, 1600)
    assert rendition_widths(1100) == (480, 960)
    assert rendition_widths(500) == (480,)
    # A fifth wider or more is a width of its own.
    assert rendition_widths(2000) == (480, 960, 1600, 2000)
    assert rendition_widths(1152) == (480, 960, 1152)


def test_webp_rendition() -> None:
    rendition = make_rendition(encode(picture((1000, 500))), 480, "webp")
    assert rendition.mime == "image/webp"
    assert opened(rendition.data).format == "WEBP"


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    rendition = make_rendition(encode(picture((800, 400)), exif=exif), 480)
    assert (rendition.width, rendition.height) == (400, 800)


def test_large_jpeg_rendition_is_full_quality_after_draft_decode() -> None:
    rendition = make_rendition(encode(marked((4800, 3200), (2400, 1600), half=100), quality=90), 480)
    assert (rendition.width, rendition.height) == (480, 320)
    assert has_red(opened(rendition.data))


@pytest.mark.parametrize("aspect", [(16, 9), (4, 3), (1, 1)])
def test_aspect_crop_has_the_aspect(aspect: tuple[int, int]) -> None:
    rendition = make_rendition(encode(picture((1200, 1000))), 480, aspect=aspect)
    assert rendition.width == 480
    assert abs(rendition.height - 480 * aspect[1] / aspect[0]) <= 1


@pytest.mark.parametrize("aspect", [(16, 9), (4, 3), (1, 1)])
def test_aspect_crop_keeps_an_off_centre_focal_point(aspect: tuple[int, int]) -> None:
    original = encode(marked((1600, 1600), (1500, 120)), "PNG")
    rendition = make_rendition(original, 480, aspect=aspect, focal=(1500 / 1600, 120 / 1600))
    assert has_red(opened(rendition.data))


def test_centre_crop_loses_the_same_off_centre_point() -> None:
    original = encode(marked((1600, 1600), (1500, 120)), "PNG")
    assert not has_red(opened(make_rendition(original, 480, aspect=(16, 9)).data))


def test_crop_box_holds_focal_point_at_the_edges() -> None:
    for focal in ((0.0, 0.0), (1.0, 1.0), (0.02, 0.98), (0.5, 0.5)):
        left, top, right, bottom = crop_box((3000, 2000), (1, 1), focal)
        assert right - left == bottom - top == 2000
        assert left <= focal[0] * 3000 <= right and top <= focal[1] * 2000 <= bottom


def test_aspect_crop_on_rotated_original_uses_upright_frame() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    rendition = make_rendition(encode(picture((1600, 900)), exif=exif), 480, aspect=(16, 9))
    assert (rendition.width, rendition.height) == (480, 270)


def test_png_with_transparency_renders_on_white() -> None:
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    rendition = make_rendition(encode(image, "PNG"), 480)
    assert opened(rendition.data).getpixel((240, 120))[0] > 240


def test_cmyk_original_renders_in_rgb() -> None:
    rendition = make_rendition(encode(Image.new("CMYK", (600, 300), (0, 255, 0, 0))), 480)
    assert opened(rendition.data).mode == "RGB"


def test_undecodable_original_is_refused() -> None:
    with pytest.raises(ImageRefused, match="cannot be decoded"):
        make_rendition(b"nothing here", 480)


def test_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown rendition format"):
        make_rendition(encode(picture((100, 100))), 480, "gif")


# --- metadata: kept and scrubbed, proved with ExifTool --------------------


@pytest.mark.parametrize("fmt", ["jpeg", "webp"])
@pytest.mark.parametrize("fixture", ["GPS.jpg", "Canon.jpg", "Apple.jpg", "ExifTool.jpg", "Google.jpg"])
def test_rendition_drops_gps_serials_owner_and_maker_notes(
    fixture_photos: Path, tags: Tags, fixture: str, fmt: str
) -> None:
    found = tags(make_rendition((fixture_photos / fixture).read_bytes(), 480, fmt, rights=RIGHTS).data)
    names = " ".join(found)
    assert "GPS" not in names
    assert "SerialNumber" not in names and "OwnerName" not in names
    assert not any(key.split(":")[0] in ("MakerNotes", "Canon", "Apple", "FujiFilm", "PictureInfo") for key in found)
    assert "IFD0:Make" not in found and "IFD0:Model" not in found


@pytest.mark.parametrize("fmt", ["jpeg", "webp"])
def test_rendition_keeps_creator_credit_copyright_in_exif_and_xmp(fixture_photos: Path, tags: Tags, fmt: str) -> None:
    found = tags(make_rendition((fixture_photos / "GPS.jpg").read_bytes(), 480, fmt, rights=RIGHTS).data)
    assert found["IFD0:Artist"] == found["XMP-dc:Creator"] == "Олена Коваленко"
    assert found["IFD0:Copyright"] == found["XMP-dc:Rights"] == "© 2026 Ukrinform"
    assert found["XMP-photoshop:Credit"] == "Укрінформ"
    assert found["IFD0:ImageDescription"] == found["XMP-dc:Description"] == "Київ уночі"
    assert found["XMP-xmpRights:UsageTerms"] == "Editorial use only"


def test_rendition_without_rights_carries_no_camera_text(fixture_photos: Path, tags: Tags) -> None:
    found = tags(make_rendition((fixture_photos / "ExifTool.jpg").read_bytes(), 480).data)
    assert "IFD0:Artist" not in found and "IPTC:By-line" not in found
    assert "XMP-dc:Description" not in found


def test_hostile_xml_in_rights_is_escaped(tags: Tags) -> None:
    hostile = RightsMetadata(
        creator='<script>alert("x")</script>',
        credit_line="A & B ]]> <![CDATA[ x",
        caption="bell\x07 null\x00 tab\tend",
        copyright_notice="</rdf:li></rdf:Alt>",
    )
    found = tags(make_rendition(encode(picture((200, 100))), 200, rights=hostile).data)
    assert found["XMP-dc:Creator"] == '<script>alert("x")</script>'
    assert found["XMP-photoshop:Credit"] == "A & B ]]> <![CDATA[ x"
    assert found["XMP-dc:Rights"] == "</rdf:li></rdf:Alt>"
    assert found["XMP-dc:Description"] == "bell null tab\tend"


def test_huge_caption_still_fits_the_jpeg(tags: Tags) -> None:
    rights = RightsMetadata(caption="Ж" * 100_000, usage_terms="терміни " * 20_000)
    found = tags(make_rendition(encode(picture((200, 100))), 200, rights=rights).data)
    assert found["XMP-dc:Description"] == "Ж" * 6000
