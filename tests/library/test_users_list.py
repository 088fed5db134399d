"""A newsroom's list of users holds people: a name joins it when chosen at a desk or first written under, never on opening."""

from __future__ import annotations

import pytest

from workstation.editing.identity import people, work_as
from workstation.library.database import Library, open_library
from workstation.library.models import Tag

pytestmark = pytest.mark.parametrize("library", ["postgresql"], indirect=True)


def test_opening_a_newsroom_under_the_accounts_name_does_not_list_it(library: Library) -> None:
    with open_library(library.url, user="login0815") as opened:  # type: ignore[attr-defined]
        assert "login0815" not in people(opened)


def test_a_name_chosen_at_the_desk_is_listed(library: Library) -> None:
    with open_library(library.url, user="login0815") as opened:  # type: ignore[attr-defined]
        work_as(opened, "Olena  Marchenko")
        assert "Olena Marchenko" in people(opened) and "login0815" not in people(opened)


def test_a_name_first_written_under_is_listed(library: Library) -> None:
    with open_library(library.url, user="Taras Bondar") as opened:  # type: ignore[attr-defined]
        with opened.transaction() as session:
            session.add(Tag(name="Floods", slug="floods"))
        assert "Taras Bondar" in people(opened)
