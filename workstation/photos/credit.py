"""The credit line as the house style prints it under a photo.

A newsroom prints credits one way everywhere, e.g. "(Photographer/Agency via
Distributor)". The style is a template with ``{creator}`` and ``{credit}``;
when a part is missing, the separator between the parts goes with it, so a
frame with only an agency credit prints "(Agency)", never "(/Agency)".
"""

from __future__ import annotations

import re
from typing import Protocol

from workstation.errors import ValidationError

DEFAULT_CREDIT_STYLE = "({creator}/{credit})"
PLACEHOLDERS = ("creator", "credit")
STYLE_LIMIT = 200
PLACEHOLDER = re.compile(r"\{(creator|credit)\}")


class Credited(Protocol):
    creator: str
    credit_line: str
    credit_override: str


def validate_credit_style(style: str) -> str:
    """The style, checked; ``ValidationError`` says what is wrong with it."""
    if not PLACEHOLDER.search(style):
        raise ValidationError("The credit style needs {creator} or {credit} (or both)")
    if len(style) > STYLE_LIMIT:
        raise ValidationError(f"The credit style is longer than {STYLE_LIMIT} characters")
    if any(ord(char) < 32 for char in style):
        raise ValidationError("The credit style must be one line")
    names = PLACEHOLDER.findall(style)
    if len(names) != len(set(names)):
        raise ValidationError("Each of {creator} and {credit} may appear only once in the credit style")
    for literal in PLACEHOLDER.split(style)[::2]:
        if "{" in literal or "}" in literal:
            stray = re.search(r"\{[^{}]*\}?|\}", literal)
            shown = stray.group(0) if stray else literal
            raise ValidationError(f"The credit style may use only {{creator}} and {{credit}}, not {shown!r}")
    return style


def compose_credit(style: str, creator: str, credit_line: str) -> str:
    """The printed credit for a creator and a credit line in ``style``.

    Literal text before the first and after the last placeholder frames
    whatever is printed; text between placeholders is printed only when
    the parts on both sides are. A credit line equal to the creator (a
    freelancer crediting themselves) is printed once.
    """
    validate_credit_style(style)
    values = {"creator": " ".join(creator.split()), "credit": " ".join(credit_line.split())}
    if values["creator"].casefold() == values["credit"].casefold():
        values["credit"] = ""
    pieces = PLACEHOLDER.split(style)
    literals, names = pieces[::2], pieces[1::2]
    present = [(index, values[name]) for index, name in enumerate(names) if values[name]]
    if not present:
        return ""
    text = literals[0]
    for position, (index, value) in enumerate(present):
        if position:
            text += literals[index]
        text += value
    return (text + literals[-1]).strip()


def printed_credit(photo: Credited, style: str) -> str:
    """What prints under the photo: a typed credit wins over the composed one."""
    override = " ".join((photo.credit_override or "").split())
    if override:
        return override
    return compose_credit(style, photo.creator or "", photo.credit_line or "")
