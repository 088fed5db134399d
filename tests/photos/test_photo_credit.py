"""The credit in house style, collapsing when a part is missing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workstation.errors import ValidationError
from workstation.photos.credit import (
    DEFAULT_CREDIT_STYLE,
    compose_credit,
    printed_credit,
    validate_credit_style,
)


@dataclass
class Record:
    creator: str = ""
    credit_line: str = ""
    credit_override: str = ""


def test_creator_and_agency_print_in_house_style() -> None:
    credit = compose_credit(DEFAULT_CREDIT_STYLE, "Vincenzo Circosta", "Anadolu Agency via Getty Images")
    assert credit == "(Vincenzo Circosta/Anadolu Agency via Getty Images)"


def test_credit_alone_keeps_brackets_without_slash() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, "", "Agency") == "(Agency)"


def test_creator_alone_keeps_brackets_without_slash() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, "Creator", "") == "(Creator)"


def test_neither_part_prints_nothing() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, "", "  ") == ""


def test_other_style_collapses_without_dangling_separator() -> None:
    style = "Photo: {creator} / {credit}"
    assert compose_credit(style, "Anna", "Reuters") == "Photo: Anna / Reuters"
    assert compose_credit(style, "", "Reuters") == "Photo: Reuters"
    assert compose_credit(style, "Anna", "") == "Photo: Anna"


def test_style_with_credit_first_keeps_its_order() -> None:
    assert compose_credit("{credit} | {creator}", "Anna", "AP") == "AP | Anna"


def test_credit_equal_to_creator_prints_once() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, "Ian Britton", "ian britton") == "(Ian Britton)"


def test_whitespace_inside_parts_is_normalised() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, " Anna \n Kovalenko ", "AFP") == "(Anna Kovalenko/AFP)"


def test_cyrillic_parts_print_intact() -> None:
    assert compose_credit(DEFAULT_CREDIT_STYLE, "Олена Коваленко", "Укрінформ") == "(Олена Коваленко/Укрінформ)"


def test_typed_override_wins() -> None:
    photo = Record(creator="Anna", credit_line="AFP", credit_override="Handout")
    assert printed_credit(photo, DEFAULT_CREDIT_STYLE) == "Handout"


def test_empty_override_falls_back_to_house_style() -> None:
    photo = Record(creator="Anna", credit_line="AFP", credit_override="  ")
    assert printed_credit(photo, DEFAULT_CREDIT_STYLE) == "(Anna/AFP)"


@pytest.mark.parametrize(
    "style, message",
    [
        ("({author}/{credit})", "not '{author}'"),
        ("{creator} {", "not '{'"),
        ("{creator} }", "not '}'"),
        ("{{creator}}", "not '{'"),
        ("{creator!r}", "needs {creator} or {credit}"),
        ("Photo", "needs {creator} or {credit}"),
        ("{creator}/{creator}", "only once"),
        ("{creator}\n{credit}", "one line"),
        ("{credit}" + "x" * 300, "longer than 200"),
    ],
)
def test_bad_style_is_refused_with_a_reason(style: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}").replace("(", r"\(")):
        validate_credit_style(style)


def test_compose_refuses_bad_style() -> None:
    with pytest.raises(ValidationError):
        compose_credit("{photographer}", "Anna", "AFP")


def test_good_style_is_returned_unchanged() -> None:
    assert validate_credit_style("Photo: {creator} / {credit}") == "Photo: {creator} / {credit}"
