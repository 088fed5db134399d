"""Initials avatars for authors without a picture (``photos.initials``)."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from workstation.photos.initials import avatar_colour, initials, initials_svg


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anna Moroz", "AM"),
        ("anna maria moroz", "AM"),
        ("Олена Коваленко", "ОК"),
        ("ірина", "І"),
        ("Madonna", "M"),
        ("Jean-Luc O'Brien", "JO"),
        ("  ", "?"),
        ("", "?"),
        ("— 123 —", "?"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_avatar_is_well_formed_svg_with_the_initials() -> None:
    root = ElementTree.fromstring(initials_svg("Олена Коваленко"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("aria-label") == "Олена Коваленко"
    assert root.find("{http://www.w3.org/2000/svg}text").text == "ОК"


def test_initials_avatar_escapes_the_name() -> None:
    svg = initials_svg('<script>alert("x")</script> & Co')
    assert "<script>" not in svg
    root = ElementTree.fromstring(svg)
    assert root.get("aria-label") == '<script>alert("x")</script> & Co'
    assert root.find("{http://www.w3.org/2000/svg}text").text == "SC"


def test_initials_avatar_of_an_empty_name_is_still_an_image() -> None:
    root = ElementTree.fromstring(initials_svg(""))
    assert root.find("{http://www.w3.org/2000/svg}text").text == "?"


def test_avatar_colour_depends_only_on_the_name() -> None:
    assert initials_svg("Anna Moroz") == initials_svg("Anna Moroz")
    assert avatar_colour("Anna Moroz") == avatar_colour("  anna   MOROZ ")
    assert len({avatar_colour(f"Author {n}") for n in range(60)}) > 5
