"""The application icon: one SVG, PNGs rendered from it at every menu size, the same SVG for the window."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from packaging_support import ICON_SIZES, PACKAGING, ROOT

ICONS = PACKAGING / "icons"
SVG = ICONS / "workstation.svg"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icon_exists_at_its_exact_size(size: int) -> None:
    with Image.open(ICONS / f"workstation-{size}.png") as png:
        assert png.format == "PNG"
        assert png.size == (size, size)
        assert png.mode == "RGBA"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icon_has_transparent_corners(size: int) -> None:
    with Image.open(ICONS / f"workstation-{size}.png") as png:
        assert png.getpixel((0, 0))[3] == 0


def test_png_icons_stay_small() -> None:
    assert sum((ICONS / f"workstation-{size}.png").stat().st_size for size in ICON_SIZES) < 100 * 1024


def test_svg_icon_is_square_svg() -> None:
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"


def test_window_icon_is_the_packaging_icon() -> None:
    assert (ROOT / "resources" / "icons" / "workstation.svg").read_bytes() == SVG.read_bytes()
