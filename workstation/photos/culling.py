"""Culling marks: star ratings, colour labels and the pick/reject flag, as XMP keeps them.

Photo Mechanic, Lightroom, Bridge and digiKam all write ``xmp:Rating``
(0 to 5 stars; -1 by convention for a rejected frame) and ``xmp:Label``
(the colour's name). A pick has no Adobe property; Photo Mechanic's
``photomechanic:Tagged`` is the one other tools read, so a pick is written
and read there. A reject keeps no stars: XMP has one Rating for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from workstation.errors import ValidationError
from workstation.xml_text import xml_escape

# Colour labels in the order of the keys 6, 7, 8, 9 (Lightroom's and Photo Mechanic's), then Purple.
LABELS = ("Red", "Yellow", "Green", "Blue", "Purple")
LABEL_COLOURS = {"Red": "#d93025", "Yellow": "#e8b000", "Green": "#1e8e3e", "Blue": "#1a73e8", "Purple": "#9334e6"}
MAX_RATING = 5
PICKED, UNMARKED, REJECTED = 1, 0, -1
MAX_LABEL_LENGTH = 30
PHOTOMECHANIC_NS = "http://ns.camerabits.com/photomechanic/1.0/"
# The keys ``photos.metadata`` files these properties under in a photo's raw metadata.
RAW_RATING = "XMP-xmp:Rating"
RAW_LABEL = "XMP-xmp:Label"
RAW_TAGGED = f"XMP-{PHOTOMECHANIC_NS.rstrip('/')}:Tagged"


class CullMarks(NamedTuple):
    rating: int = 0
    label: str = ""
    pick: int = UNMARKED


def check_marks(rating: object, label: object, pick: object) -> CullMarks:
    """The marks, checked; ``ValidationError`` says what is wrong."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= MAX_RATING:
        raise ValidationError(f"a rating is 0 to {MAX_RATING} stars")
    if not isinstance(label, str) or len(label) > MAX_LABEL_LENGTH:
        raise ValidationError(f"a colour label is a name of at most {MAX_LABEL_LENGTH} characters")
    if pick not in (PICKED, UNMARKED, REJECTED) or isinstance(pick, bool):
        raise ValidationError("the pick flag is 1 (picked), 0 (neither) or -1 (rejected)")
    return CullMarks(rating, normal_label(label), int(pick))  # type: ignore[arg-type]


def normal_label(label: str) -> str:
    """A known colour spelled as the other tools spell it; any other name kept as typed."""
    label = label.strip()
    known = {name.casefold(): name for name in LABELS}
    return known.get(label.casefold(), label[:MAX_LABEL_LENGTH])


def marks_from_raw(raw: Mapping[str, str]) -> CullMarks:
    """The marks a file's XMP holds; odd values are read as "no mark"."""
    try:
        stars = round(float(raw.get(RAW_RATING, "0").strip() or "0"))
    except ValueError:
        stars = 0
    tagged = raw.get(RAW_TAGGED, "").strip().casefold() in ("true", "yes", "1")
    if stars < 0:
        return CullMarks(0, normal_label(raw.get(RAW_LABEL, "")), REJECTED)
    return CullMarks(min(stars, MAX_RATING), normal_label(raw.get(RAW_LABEL, "")), PICKED if tagged else UNMARKED)


def xmp_properties(marks: CullMarks) -> list[str]:
    """The XMP properties (``xmp:`` and ``photomechanic:`` prefixes) that write ``marks`` back."""
    rating = -1 if marks.pick == REJECTED else marks.rating
    properties = [f"<xmp:Rating>{rating}</xmp:Rating>"]
    if marks.label:
        properties.append(f"<xmp:Label>{xml_escape(marks.label)}</xmp:Label>")
    if marks.pick == PICKED:
        properties.append("<photomechanic:Tagged>True</photomechanic:Tagged>")
    return properties
