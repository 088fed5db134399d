"""What a LIBRARY names: a file's path or a newsroom's URL; what is neither is refused without its password."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.errors import LibraryError
from workstation.library.database import library_target, newsroom_address

PASSWORD = "s3cret-pw"


def test_a_newsroom_url_is_kept_as_written() -> None:
    url = f"postgres://olena:{PASSWORD}@news.example.org/newsroom"
    assert library_target(url) == url


def test_anything_else_without_a_scheme_is_a_file_path() -> None:
    assert library_target("news/room.wslib") == Path("news/room.wslib")


@pytest.mark.parametrize("given", [f"postgresq://olena:{PASSWORD}@host/db", f"mysql://olena:{PASSWORD}@host/db"])
def test_another_scheme_is_refused_naming_only_the_scheme(given: str) -> None:
    with pytest.raises(LibraryError) as raised:
        library_target(given)
    assert PASSWORD not in str(raised.value)
    assert str(raised.value).startswith(given.split("://")[0] + "://…")


def test_a_bare_name_is_a_service_of_the_service_file() -> None:
    assert newsroom_address(" newsroom ") == "postgresql://?service=newsroom"


def test_what_is_neither_url_nor_service_is_refused_without_repeating_it() -> None:
    with pytest.raises(LibraryError) as raised:
        newsroom_address(f"olena:{PASSWORD}@host/db")
    assert PASSWORD not in str(raised.value)
