"""The rights written into a rendition hold only characters XML 1.0 can carry (its ``Char`` production)."""

from __future__ import annotations

from workstation.photos.rights import RightsMetadata


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def test_bounded_rights_drop_exactly_the_characters_xml_cannot_hold() -> None:
    # Every code point, in slices short enough to stay under the field's limit and far from its ends.
    for start in range(0, 0x110000, 4000):
        codes = range(start, min(start + 4000, 0x110000))
        text = "".join(map(chr, codes))
        kept = RightsMetadata(caption=f"x{text}x").bounded().caption
        assert kept == "x" + "".join(chr(code) for code in codes if _xml_char(code)) + "x"
