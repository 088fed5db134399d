"""Code replacements: Photo Mechanic's ``code<TAB>text`` file and ``=code=`` expansion."""

from __future__ import annotations

import pytest

from workstation.errors import ValidationError
from workstation.photos.codes import expand_codes, format_codes, parse_codes

CODES = {"kv": "Kyiv", "ua": "Ukraine", "ap": "Associated Press"}


def test_a_code_between_delimiters_becomes_its_text() -> None:
    assert expand_codes("Protest in =kv=, =ua=.", CODES) == "Protest in Kyiv, Ukraine."


def test_an_unknown_code_is_left_as_typed() -> None:
    assert expand_codes("a =zz= b and 2+2=4=x", CODES) == "a =zz= b and 2+2=4=x"


def test_a_code_is_looked_up_exactly_as_typed() -> None:
    assert expand_codes("=KV=", CODES) == "=KV="


def test_the_file_format_reads_tabs_and_skips_blank_and_comment_lines() -> None:
    text = "\ufeff# desk codes\nkv\tKyiv\n\nua\t Ukraine \nap\tAssociated Press\n"
    assert parse_codes(text) == CODES


def test_the_exported_file_reads_back_the_same() -> None:
    assert parse_codes(format_codes(CODES)) == CODES
    assert format_codes(CODES).splitlines()[0] == "ap\tAssociated Press"


@pytest.mark.parametrize(
    ("line", "problem"),
    [("kv Kyiv", "code<TAB>text"), ("k v\tKyiv", "one word"), ("k=v\tKyiv", "one word"), ("\tKyiv", "one word")],
)
def test_a_bad_line_is_refused_with_its_number(line: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=f"line 2: .*{problem}"):
        parse_codes(f"ok\tfine\n{line}\n")
