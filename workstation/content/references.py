"""References from a stored body to other records of the library.

A body never holds a path to an image: it says ``photo:<id>`` (as in
``![alt](photo:12 "caption")``), and ``[[slug]]`` names another article.
Preflight, the export and the photo desk's "used in" list all read these
lists, so they are found with the same patterns the dialect uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PHOTO_SCHEME = "photo:"
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

_PHOTO_REF = re.compile(r"photo:([1-9][0-9]{0,17})")
# An image's destination that is a photo ref: inline, and in a reference definition.
# Two patterns, not one alternation: the inline one starts with a literal "![",
# which the regex engine jumps between (a tenth of the time over a long body),
# and the definition one runs only on bodies holding "]:". Neither can match
# inside the other's match, so together they find what the alternation found.
_PHOTO_INLINE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?photo:([1-9][0-9]{0,17})>?(?=[\s)])")
_PHOTO_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*<?photo:([1-9][0-9]{0,17})>?(?=\s|$)", re.MULTILINE)
# A video line's poster photo (``content.video.video_line``).
_VIDEO_POSTER = re.compile(r'^[ \t]*<?https?://[^\s"<>]+>?(?:[ \t]+"[^"\n]*")?[ \t]+photo:([1-9][0-9]{0,17})[ \t]*$', re.MULTILINE)
_ARTICLE_REF = re.compile(rf"\[\[({SLUG_PATTERN})\]\]")


def photo_ref(photo_id: int) -> str:
    """The reference a body uses for a library photo, e.g. ``photo:12``."""
    if isinstance(photo_id, bool) or not isinstance(photo_id, int) or photo_id < 1:
        raise ValueError(f"not a photo id: {photo_id!r}")
    return f"{PHOTO_SCHEME}{photo_id}"


def parse_photo_ref(ref: str) -> int | None:
    """The photo id in ``photo:12``, or None for anything else (paths, URLs, junk)."""
    match = _PHOTO_REF.fullmatch(ref.strip()) if isinstance(ref, str) else None
    return int(match.group(1)) if match else None


def photo_refs(markdown: str) -> list[int]:
    """Ids of the photos a body shows, in order of first appearance, each once."""
    found = [(m.start(), int(m.group(1))) for m in _PHOTO_INLINE.finditer(markdown)]
    if "]:" in markdown:
        found += [(m.start(), int(m.group(1))) for m in _PHOTO_DEFINITION.finditer(markdown)]
    if "photo:" in markdown and "http" in markdown:
        found += [(m.start(), int(m.group(1))) for m in _VIDEO_POSTER.finditer(markdown)]
    found.sort()
    return list(dict.fromkeys(photo_id for _, photo_id in found))


def article_refs(markdown: str) -> list[str]:
    """Slugs named by ``[[slug]]`` (cards and inline links), in order, each once."""
    return list(dict.fromkeys(_ARTICLE_REF.findall(markdown)))


def renumber_photo_refs(markdown: str, new_ids: Mapping[int, int]) -> str:
    """``markdown`` with every photo reference that ``photo_refs`` finds pointed at ``new_ids[old]``.

    A body copied into another library (a take-out, its bring-back) names
    that library's photo records, whose ids differ; references to a photo
    not in ``new_ids`` are left as they are.
    """
    if "photo:" not in markdown:
        return markdown
    spans: list[tuple[int, int, int]] = []
    for pattern in (_PHOTO_IN_BODY, _VIDEO_POSTER):
        for match in pattern.finditer(markdown):
            group = 1 if match.group(1) else 2
            old = int(match.group(group))
            if old in new_ids:
                spans.append((match.start(group), match.end(group), new_ids[old]))
    pieces, position = [], 0
    for start, end, new in sorted(spans):
        pieces += [markdown[position:start], str(new)]
        position = end
    return "".join(pieces) + markdown[position:]
