"""Caption templates: Photo Mechanic-style variables, filled per photo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from workstation.errors import ValidationError
from workstation.photos.templates import (
    MAX_CAPTION_LENGTH,
    MAX_TEMPLATE_LENGTH,
    fill_template,
)


@dataclass
class Frame:
    caption: str = "Firefighters at work"
    date_taken: datetime | None = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    city: str = "Kharkiv"
    region: str = "Kharkiv Oblast"
    country: str = "Ukraine"
    creator: str = "Olena Petrenko"
    original_filename: str = "DSC_0042.JPG"


def test_every_placeholder_is_filled_from_the_photo() -> None:
    template = (
        "{city}, {region}, {country}, {date_taken}: {caption}. {creator} ({filename})"
    )
    assert fill_template(template, Frame()) == (
        "Kharkiv, Kharkiv Oblast, Ukraine, 2026-03-04: Firefighters at work. Olena Petrenko (DSC_0042)"
    )


def test_date_taken_takes_a_strftime_format() -> None:
    assert fill_template("{date_taken:%d %B %Y}", Frame()) == "04 March 2026"


def test_missing_date_taken_fills_nothing() -> None:
    assert (
        fill_template("{caption} {date_taken:%d %B %Y}", Frame(date_taken=None))
        == "Firefighters at work"
    )


def test_cyrillic_values_are_kept() -> None:
    frame = Frame(city="Київ", caption="Рятувальники на місці удару")
    assert (
        fill_template("{city}: {caption}", frame) == "Київ: Рятувальники на місці удару"
    )


def test_doubled_braces_are_literal_braces() -> None:
    assert fill_template("{{{city}}}", Frame()) == "{Kharkiv}"


def test_unknown_placeholder_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError, match=r"unknown placeholder \{photographer\}"):
        fill_template("{photographer}", Frame())


@pytest.mark.parametrize(
    "hostile",
    [
        "{caption.__class__.__mro__}",
        "{caption[0]}",
        "{0}",
        "{}",
        "{caption!r}",
        "{city:>99999999}",
        "{date_taken:{city}}",
        "{caption",
        "caption}",
    ],
)
def test_hostile_templates_are_refused(hostile: str) -> None:
    with pytest.raises(ValidationError):
        fill_template(hostile, Frame())


def test_huge_template_is_refused() -> None:
    with pytest.raises(ValidationError, match="too long"):
        fill_template("x" * (MAX_TEMPLATE_LENGTH + 1), Frame())


def test_template_that_would_make_a_huge_caption_is_refused() -> None:
    frame = Frame(caption="word " * 2_000)
    with pytest.raises(ValidationError, match=str(MAX_CAPTION_LENGTH)):
        fill_template("{caption} {caption}", frame)


def test_huge_field_values_within_the_limit_are_filled_whole() -> None:
    frame = Frame(city="K" * 5_000)
    assert fill_template("{city}", frame) == "K" * 5_000
