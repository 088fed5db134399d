"""Caption templates: Photo Mechanic-style variables filled per photo.

A photo editor captions a shoot of two hundred frames by typing the shared
part once, e.g. ``{city}, {country}, {date_taken:%d %B %Y}: {caption}``,
and letting each frame fill in its own place and date. Templates are typed
by people, so anything that is not a known variable (attribute access,
indexing, positional fields, conversions, a stray brace) is refused with a
ValidationError naming the problem, before a single record is changed.

The same templates fill any text field of an ingest template
(``library.ingest_templates``), where ``{seq}`` numbers the photos of one
import, and the batch caption, where it numbers the selection. Code
replacements (``=kv=``, ``photos.codes``) in the result are expanded last.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from collections.abc import Mapping
from typing import Protocol

from workstation.content.reading import trim_text
from workstation.errors import ValidationError
from workstation.photos.codes import expand_codes
from workstation.photos.vocabulary import source_type_name

# Variables a template may use, with what each stands for (shown in the UI).
PLACEHOLDERS: dict[str, str] = {
    "caption": "the photo's current caption",
    "date_taken": "date taken, e.g. 2026-11-25, or {date_taken:%d %B %Y}",
    "date": "the same as {date_taken}, e.g. {date:%d %B %Y}",
    "seq": "the photo's number in this import or selection: 1, 2, 3…, or {seq:03} for 001",
    "city": "city",
    "region": "region / state",
    "country": "country",
    "creator": "photographer",
    "credit_line": "credit line (agency / distributor)",
    "source": "source",
    "keywords": "keywords",
    "source_type": "how it was made, e.g. Digital capture (camera)",
    "filename": "original file name, without its extension",
}
# The photo fields a template may fill (the caption, or the accessibility texts).
TEMPLATE_TARGETS: dict[str, str] = {
    "caption": "caption",
    "alt_text": "alt text",
    "extended_description": "extended description",
}
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
# Placeholders that take a format after a colon: dates a strftime one, {seq} an integer one.
DATE_PLACEHOLDERS = frozenset({"date_taken", "date"})
# A template longer than this is not a caption template but a paste accident.
MAX_TEMPLATE_LENGTH = 2_000
# Longest caption a template may produce; guards against {caption}{caption}...
# doubling a long caption into megabytes.
MAX_CAPTION_LENGTH = 10_000


class TemplateSubject(Protocol):
    """What a template reads from: a Photo record has all of these."""

    caption: str
    date_taken: datetime | None
    city: str
    region: str
    country: str
    creator: str
    credit_line: str
    source: str
    keywords: str
    digital_source_type: str
    original_filename: str


@dataclass(frozen=True)
class _Field:
    name: str
    spec: str


def parse_template(template: str) -> list[tuple[str, _Field | None]]:
    """Split a template into literal text and checked variables.

    Raises ValidationError for anything that is not a known placeholder.
    """
    if len(template) > MAX_TEMPLATE_LENGTH:
        raise ValidationError(
            f"caption template is too long ({len(template)} characters; at most {MAX_TEMPLATE_LENGTH})"
        )
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValidationError(
            f"caption template is malformed ({exc}); write a literal brace as {{{{ or }}}}"
        ) from None
    parsed: list[tuple[str, _Field | None]] = []
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for literal, name, spec, conversion in pieces:
        if name is None:
            parsed.append((literal, None))
            continue
        if name == "":
            raise ValidationError(
                f"caption template has an empty placeholder {{}}; use one of {known}"
            )
        if name not in PLACEHOLDERS:
            raise ValidationError(
                f"caption template has an unknown placeholder {{{trim_text(name, 40)}}}; use one of {known}"
            )
        if conversion:
            raise ValidationError(
                f"caption template placeholder {{{name}!{conversion}}} is not supported"
            )
        spec = spec or ""
        if spec and name not in DATE_PLACEHOLDERS and name != "seq":
            raise ValidationError(
                f"caption template placeholder {{{name}:{trim_text(spec, 40)}}} cannot take a format; "
                "only {date_taken}, {date} and {seq} can, e.g. {date_taken:%d %B %Y} or {seq:03}"
            )
        if name == "seq" and "{" not in spec:
            try:
                format(1, spec)
            except ValueError:
                raise ValidationError(
                    f"caption template placeholder {{seq:{trim_text(spec, 40)}}} is not a number format; "
                    "write e.g. {seq:03}"
                ) from None
        if "{" in spec:
            raise ValidationError(
                f"caption template placeholder {{{name}}} has a nested placeholder in its format"
            )
        parsed.append((literal, _Field(name, spec)))
    return parsed


def _value(photo: TemplateSubject, field: _Field, seq: int) -> str:
    if field.name == "seq":
        return format(seq, field.spec)
    if field.name in DATE_PLACEHOLDERS:
        taken = photo.date_taken
        if taken is None:
            return ""
        try:
            return taken.strftime(field.spec or DEFAULT_DATE_FORMAT)
        except ValueError as exc:
            raise ValidationError(
                f"caption template date format {field.spec!r} is not valid ({exc})"
            ) from None
    if field.name == "filename":
        return PurePath(photo.original_filename or "").stem
    if field.name == "source_type":
        return source_type_name(photo.digital_source_type or "")
    return str(getattr(photo, field.name) or "")


def fill_template(
    template: str, photo: TemplateSubject, seq: int = 1, codes: Mapping[str, str] | None = None
) -> str:
    """The text ``template`` gives for ``photo``, the ``seq``-th of its import or selection.

    Code replacements from ``codes`` are expanded in the result. Raises
    ValidationError for a bad template or a result too long to be a caption.
    """
    parts: list[str] = []
    length = 0
    for literal, field in parse_template(template):
        for piece in (literal, _value(photo, field, seq) if field else ""):
            length += len(piece)
            if length > MAX_CAPTION_LENGTH:
                raise ValidationError(
                    f"caption template gives a caption longer than {MAX_CAPTION_LENGTH} characters"
                )
            parts.append(piece)
    return expand_codes("".join(parts), codes or {}).strip()
