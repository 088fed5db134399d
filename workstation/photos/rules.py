"""What a photo needs before it may be printed: the one definition of the photo rules.

Preflight (before an article goes out) and the photo desk (badges and
filters in the grid) ask the same questions of a photo: is there a credit
to print, is there alt text for a screen reader, does it say how it was
made (camera, scan, AI: IPTC's digital source type), and may we still use
it. Both call ``photo_problems``; the desk's SQL filters are built from
the same field lists and horizon, so a photo flagged in one place is
flagged in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Rights that end within this many days (or have ended) are flagged.
EXPIRY_WARNING_DAYS = 30
# Any of these, if not blank, gives the photo a credit to print.
CREDIT_FIELDS = ("credit_override", "creator", "credit_line")


class Problem(StrEnum):
    NO_CREDIT = "credit"
    NO_ALT = "alt-text"
    NO_SOURCE_TYPE = "source-type"
    RIGHTS_ENDED = "rights-expired"
    RIGHTS_ENDING = "rights-expiring"


# Problems that stop a page going out; the rest are warnings.
BLOCKING = frozenset({Problem.NO_CREDIT, Problem.NO_ALT, Problem.RIGHTS_ENDED})


@dataclass(frozen=True)
class PhotoFacts:
    """The fields the rules read, from a record, a summary or an edit in progress."""

    creator: str = ""
    credit_line: str = ""
    credit_override: str = ""
    alt_text: str = ""
    digital_source_type: str = ""
    rights_expiry: date | None = None


def expiry_horizon(today: date) -> date:
    """Rights ending on or before this day are flagged as ending."""
    return today + timedelta(days=EXPIRY_WARNING_DAYS)


def has_credit(facts: PhotoFacts) -> bool:
    return any((getattr(facts, name) or "").strip() for name in CREDIT_FIELDS)


def has_alt(facts: PhotoFacts, alt_override: str = "") -> bool:
    return bool(alt_override.strip() or (facts.alt_text or "").strip())


def photo_problems(facts: PhotoFacts, today: date, alt_override: str = "") -> list[Problem]:
    """What is wrong with a photo as used (``alt_override`` is the article's own alt text, if any)."""
    problems = []
    if not has_credit(facts):
        problems.append(Problem.NO_CREDIT)
    if not has_alt(facts, alt_override):
        problems.append(Problem.NO_ALT)
    if not (facts.digital_source_type or "").strip():
        problems.append(Problem.NO_SOURCE_TYPE)
    if facts.rights_expiry is not None:
        if facts.rights_expiry < today:
            problems.append(Problem.RIGHTS_ENDED)
        elif facts.rights_expiry <= expiry_horizon(today):
            problems.append(Problem.RIGHTS_ENDING)
    return problems


def facts_of(photo: object) -> PhotoFacts:
    """The rule fields of any object that has them (a ``Photo`` row, for one)."""
    return PhotoFacts(**{name: getattr(photo, name) for name in PhotoFacts.__dataclass_fields__})
