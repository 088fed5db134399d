"""Initials for an author without a picture: the letters, and an SVG avatar of them on a colour from the name.

Apart from ``avatars`` (which crops pictures with Pillow): every page with
a byline of an author without an avatar shows these, and an export whose
pictures are all made imports no image library.
"""

from __future__ import annotations

import hashlib
import unicodedata

from workstation.xml_text import xml_escape

# Background colours for initials, each dark enough for white text (contrast >= 4.5:1).
PALETTE = (
    "#1f5f8b",
    "#2e6b3a",
    "#8a3b12",
    "#6a3d8f",
    "#9b2c4a",
    "#255f5f",
    "#5b4a1e",
    "#3d4f8f",
    "#7a2f2f",
    "#2f5d4e",
    "#6b4226",
    "#4a4a6a",
)


def initials(name: str) -> str:
    """One or two capital letters: the first and last words' initials, or one for a single name."""
    words = [w for w in unicodedata.normalize("NFC", name).split() if any(ch.isalpha() for ch in w)]
    letters = [next(ch for ch in w if ch.isalpha()) for w in words]
    if not letters:
        return "?"
    picked = letters[0] if len(letters) == 1 else letters[0] + letters[-1]
    return picked.upper()


def avatar_colour(name: str) -> str:
    """The same colour for the same name on every run and machine."""
    key = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def initials_svg(name: str) -> str:
    """A square SVG avatar with the name's initials on a colour derived from the name."""
    label = xml_escape(" ".join(name.split()) or "Author").replace('"', "&quot;")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="400" height="400" '
        f'role="img" aria-label="{label}">'
        f'<rect width="100" height="100" fill="{avatar_colour(name)}"/>'
        # An explicit baseline (not dy or dominant-baseline) centres capitals alike in browsers and QtSvg.
        '<text x="50" y="64" text-anchor="middle" fill="#ffffff" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" "
        f'font-size="40" font-weight="600">{xml_escape(initials(name))}</text></svg>'
    )
