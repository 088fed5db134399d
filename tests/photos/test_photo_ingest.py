"""Checking, measuring and thumbnailing imported images; refusing bad ones."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from photo_helpers import encode, picture
from PIL import Image

from workstation.errors import ImageRefused
from workstation.photos.ingest import THUMBNAIL_SIZE, ingest_bytes, ingest_file, ingest_files

pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its (tiny) data does not have."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def thumbnail_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# --- what is accepted ------------------------------------------------------


def test_jpeg_is_measured_hashed_and_kept_untouched() -> None:
    data = encode(picture((1200, 800)))
    image = ingest_bytes(data, "frame.jpg")
    assert (image.mime, image.width, image.height) == ("image/jpeg", 1200, 800)
    assert image.data is data
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    assert image.filename == "frame.jpg"


def test_thumbnail_is_a_jpeg_400_pixels_on_the_long_side() -> None:
    image = ingest_bytes(encode(picture((1200, 800))), "frame.jpg")
    thumb = thumbnail_of(image.thumbnail)
    assert thumb.format == "JPEG"
    assert (thumb.width, thumb.height) == (image.thumb_width, image.thumb_height) == (THUMBNAIL_SIZE, 267)


def test_small_image_thumbnail_is_not_enlarged() -> None:
    image = ingest_bytes(encode(picture((120, 80))), "small.jpg")
    assert (image.thumb_width, image.thumb_height) == (120, 80)


def test_exif_orientation_6_reports_upright_size() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    image = ingest_bytes(encode(picture((600, 400)), exif=exif), "rotated.jpg")
    assert (image.width, image.height) == (400, 600)
    assert (image.thumb_width, image.thumb_height) == (267, 400)


def test_cmyk_jpeg_imports_with_rgb_thumbnail() -> None:
    data = encode(Image.new("CMYK", (300, 200), (0, 255, 0, 0)))
    image = ingest_bytes(data, "print.jpg")
    red, green, blue = thumbnail_of(image.thumbnail).getpixel((150, 100))
    assert (image.width, image.height) == (300, 200)
    assert red > 200 and green < 60 and blue > 200  # magenta stays magenta


def test_16_bit_png_is_scaled_not_clipped_to_white() -> None:
    grey = Image.new("I;16", (200, 100), 32768)
    image = ingest_bytes(encode(grey, "PNG"), "scan.png")
    value = thumbnail_of(image.thumbnail).convert("L").getpixel((100, 50))
    assert image.mime == "image/png"
    assert 110 < value < 145


def test_greyscale_jpeg_imports() -> None:
    image = ingest_bytes(encode(Image.new("L", (300, 200), 90)), "grey.jpg")
    assert (image.width, image.height, image.mime) == (300, 200, "image/jpeg")


def test_palette_png_with_transparency_lies_on_white() -> None:
    palette = Image.new("P", (100, 50), 0)
    image = ingest_bytes(encode(palette, "PNG", transparency=0), "logo.png")
    assert thumbnail_of(image.thumbnail).getpixel((50, 25)) == (255, 255, 255)


@pytest.mark.parametrize("fmt, mime", [("GIF", "image/gif"), ("WEBP", "image/webp")])
def test_animated_image_imports_its_first_frame(fmt: str, mime: str) -> None:
    frames = [Image.new("RGB", (100, 50), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], lossless=True)
    image = ingest_bytes(data, f"anim.{fmt.lower()}")
    red, green, blue = thumbnail_of(image.thumbnail).getpixel((50, 25))
    assert image.mime == mime
    assert red > 200 and green < 60 and blue < 60


def test_tiff_imports() -> None:
    image = ingest_bytes(encode(picture((300, 200)), "TIFF"), "scan.tif")
    assert (image.mime, image.width) == ("image/tiff", 300)


def test_metadata_is_read_during_ingest(fixture_photos: Path) -> None:
    image = ingest_file(fixture_photos / "IPTC.jpg")
    assert (image.metadata.caption, image.metadata.creator) == ("A witty caption", "Phil Harvey")


def test_every_shared_fixture_imports(fixture_photos: Path) -> None:
    for path in sorted(fixture_photos.glob("*.jpg")):
        assert ingest_file(path).mime == "image/jpeg", path.name


def test_24_megapixel_jpeg_thumbnail_comes_from_a_draft_decode() -> None:
    data = encode(Image.new("RGB", (6000, 4000), (10, 120, 200)), quality=70)
    image = ingest_bytes(data, "camera.jpg")
    assert (image.width, image.height) == (6000, 4000)
    assert (image.thumb_width, image.thumb_height) == (400, 267)


# --- what is refused -------------------------------------------------------


def test_zero_byte_file_is_refused() -> None:
    with pytest.raises(ImageRefused, match=r"^empty\.jpg: the file is empty \(0 bytes\)$"):
        ingest_bytes(b"", "empty.jpg")


def test_text_file_renamed_jpg_is_refused() -> None:
    with pytest.raises(ImageRefused, match=r"^notes\.jpg: not an image file Workstation can read"):
        ingest_bytes(b"Meeting notes\nBring the tripod.\n" * 20, "notes.jpg")


def test_truncated_jpeg_is_refused() -> None:
    data = encode(picture((1200, 800)))
    with pytest.raises(ImageRefused, match=r"^cut\.jpg: the file is truncated"):
        ingest_bytes(data[: len(data) // 2], "cut.jpg")


def test_truncated_png_is_refused() -> None:
    data = encode(picture((600, 400)), "PNG")
    with pytest.raises(ImageRefused, match=r"^cut\.png: the file is truncated"):
        ingest_bytes(data[: len(data) // 2], "cut.png")


def test_jpeg_cut_inside_its_headers_is_refused() -> None:
    data = encode(picture((600, 400)))
    with pytest.raises(ImageRefused, match=r"^stub\.jpg: "):
        ingest_bytes(data[:300], "stub.jpg")


def test_decompression_bomb_header_is_refused_before_decoding() -> None:
    with pytest.raises(ImageRefused, match=r"^bomb\.png: the picture is too large to open safely \(2500 megapixels"):
        ingest_bytes(png_header_only(50000, 50000), "bomb.png")


def test_picture_over_the_configured_limit_is_refused_with_its_size() -> None:
    with pytest.raises(ImageRefused, match=r"^big\.png: .*12000×10000, 120 megapixels; the limit is 100 megapixels"):
        ingest_bytes(png_header_only(12000, 10000), "big.png")


def test_pixel_limit_is_configurable() -> None:
    data = encode(picture((400, 300)))
    with pytest.raises(ImageRefused, match=r"the limit is 0 megapixels"):
        ingest_bytes(data, "frame.jpg", max_pixels=100_000)


def test_heic_is_refused_by_name() -> None:
    junk = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    with pytest.raises(ImageRefused, match=r"^IMG_0001\.HEIC: HEIC files cannot be imported; save it as JPEG"):
        ingest_bytes(junk, "IMG_0001.HEIC")


def test_bmp_is_refused_as_unsupported() -> None:
    with pytest.raises(ImageRefused, match=r"^scan\.bmp: BMP files cannot be imported"):
        ingest_bytes(encode(picture((60, 40)), "BMP"), "scan.bmp")


def test_jpeg_with_damaged_header_is_refused_as_damaged() -> None:
    data = bytearray(encode(picture((300, 200))))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = b"\x00\x00\x00\x00"
    with pytest.raises(ImageRefused, match=r"^zero\.jpg: the JPEG file is damaged \(its header cannot be read\)$"):
        ingest_bytes(bytes(data), "zero.jpg")


def test_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ImageRefused, match=r"^gone\.jpg: cannot be read"):
        ingest_file(tmp_path / "gone.jpg")


def test_refusal_is_one_line() -> None:
    with pytest.raises(ImageRefused) as refused:
        ingest_bytes(encode(picture((600, 400)))[:5000], "cut.jpg")
    assert "\n" not in str(refused.value)


# --- many files ------------------------------------------------------------


def test_many_files_come_back_in_order_with_refusals_in_place(tmp_path: Path) -> None:
    names = ["a.jpg", "empty.jpg", "c.png", "notes.jpg"]
    (tmp_path / "a.jpg").write_bytes(encode(picture((64, 48))))
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "c.png").write_bytes(encode(picture((64, 48)), "PNG"))
    (tmp_path / "notes.jpg").write_text("not a picture")
    results = list(ingest_files(tmp_path / name for name in names))
    assert [path.name for path, _ in results] == names
    assert [type(result).__name__ for _, result in results] == [
        "IngestedImage",
        "ImageRefused",
        "IngestedImage",
        "ImageRefused",
    ]
    assert str(results[1][1]) == "empty.jpg: the file is empty (0 bytes)"


def test_cancelled_import_starts_no_new_files(tmp_path: Path) -> None:
    paths = []
    for index in range(12):
        path = tmp_path / f"{index}.jpg"
        path.write_bytes(encode(picture((64, 48))))
        paths.append(path)
    seen = []
    for path, _ in ingest_files(paths, workers=1, cancelled=lambda: len(seen) >= 3):
        seen.append(path)
    assert 3 <= len(seen) < len(paths)
