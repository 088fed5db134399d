"""The site's icon and publisher logo: from a logo photo chosen in Preferences, or drawn from the site name.

Browsers ask every page for an icon (a missing one is a 404 in the console),
phones for a touch icon, and schema.org readers want ``publisher.logo`` as a
raster image. Without a logo photo the icon is the site's initials on the
house red, as an SVG for browsers and PNGs for the rest; with one, square
crops of the photo (``photos.avatars.crop_square``: upright, draft-decoded,
stripped of metadata).

Pillow (15-20 ms to import) and the cropping are imported by the functions
that draw, at their first call: an export whose icons are made already
(``publish.site``) only names them.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from workstation.photos.initials import initials
from workstation.xml_text import xml_escape

if TYPE_CHECKING:
    from PIL import Image, ImageFont

ICON_SVG = "static/favicon.svg"
ICON_PNG = "static/icon-32.png"
TOUCH_ICON = "static/icon-180.png"
LOGO = "static/logo-512.png"
LOGO_SIZE = 512
# The stylesheet's accent; white on it passes WCAG AA.
BACKGROUND = "#b0241b"
LEADING_ARTICLES = frozenset({"the", "a", "an"})
FONTS = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf")


class IconLink(NamedTuple):
    """One ``<link>`` in every page's head (a named tuple, as the page views are: ``publish.pageviews``)."""

    rel: str
    path: str
    type: str
    sizes: str = ""


def site_initials(name: str) -> str:
    """Initials of the name without a leading "The" ("The Millbrook Courier" is MC)."""
    words = name.split()
    if len(words) > 1 and unicodedata.normalize("NFC", words[0]).casefold() in LEADING_ARTICLES:
        words = words[1:]
    return initials(" ".join(words) or name)


def icon_links(from_photo: bool) -> tuple[IconLink, ...]:
    icon = IconLink("icon", ICON_PNG, "image/png", "32x32") if from_photo else IconLink("icon", ICON_SVG, "image/svg+xml")
    return (icon, IconLink("apple-touch-icon", TOUCH_ICON, "image/png", "180x180"))


def icon_files(from_photo: bool) -> tuple[str, ...]:
    """The paths ``site_icons`` writes."""
    return (ICON_PNG, TOUCH_ICON, LOGO) if from_photo else (ICON_SVG, ICON_PNG, TOUCH_ICON, LOGO)


def icon_svg(name: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="12" fill="{BACKGROUND}"/>'
        '<text x="32" y="42" text-anchor="middle" fill="#fff" '
        "font-family=\"Charter, Georgia, 'DejaVu Serif', serif\" font-size=\"28\" font-weight=\"700\">"
        f"{xml_escape(site_initials(name))}</text></svg>"
    )


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _png(image: Image.Image, size: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def drawn_logo(name: str) -> Image.Image:
    """The initials, white on the accent colour, as a square picture."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    text = site_initials(name)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2), text, fill="#ffffff", font=_font(LOGO_SIZE * 9 // 20), anchor="mm")
    return image


def _pngs(square: Image.Image) -> dict[str, bytes]:
    return {ICON_PNG: _png(square, 32), TOUCH_ICON: _png(square, 180), LOGO: _png(square, LOGO_SIZE)}


@lru_cache(maxsize=16)
def _drawn_icons(name: str) -> tuple[tuple[str, bytes], ...]:
    """The icons drawn from a site name, made once a process: the same name draws the same bytes, and one
    process (the app, a test run) exports many times; the three optimised PNGs cost about 90 ms an export."""
    return tuple({ICON_SVG: icon_svg(name).encode("utf-8"), **_pngs(drawn_logo(name))}.items())


def site_icons(name: str, logo_photo: bytes | None = None) -> dict[str, bytes]:
    """Every icon file by its path in OUTDIR (the paths ``icon_links`` names, and ``LOGO``)."""
    if logo_photo is None:
        return dict(_drawn_icons(name))
    from PIL import Image

    from workstation.photos.avatars import crop_square

    with Image.open(io.BytesIO(crop_square(logo_photo, None, LOGO_SIZE))) as cropped:
        return _pngs(cropped.convert("RGB"))
