"""``workstation check`` still finds a damaged page while it reads the originals and preflight beside the page check."""

from __future__ import annotations

from pathlib import Path

from tests.command_line import workstation
from tests.library.conftest import sql, stored_photo
from workstation.library.database import OPEN_CHECK_ROWS, open_library
from workstation.library.models import Article


def assert_damage_is_one_line(path: Path, pages: str) -> None:
    """Overwrite the first of the library's ``pages`` (a ``dbstat`` condition); check must say so in one line, exit 2."""
    page_size = sql(path, "PRAGMA page_size")[0][0]
    [(page,)] = sql(path, f"SELECT min(pageno) FROM dbstat WHERE {pages}")
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))
    result = workstation("check", path)
    assert result.returncode == 2
    assert result.stderr.startswith("workstation: the library file is damaged (")
    assert len(result.stderr.splitlines()) == 1


def test_a_damaged_page_among_the_photo_originals_is_exit_2_in_one_line(new_library_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.transaction() as session:
        session.add_all([stored_photo(pid) for pid in range(1, 30)])
    assert_damage_is_one_line(path, "name = 'photo_originals'")


def test_a_damaged_page_among_the_articles_is_exit_2_whatever_preflight_read(new_library_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.transaction() as session:
        # Ids past what opening checks (``database.OPEN_CHECK_ROWS``): only the check itself reads these pages.
        session.add_all([Article(id=OPEN_CHECK_ROWS + n, slug=f"story-{n}", headline=f"Story {n}", status="published",
                                 body="A paragraph of the story. " * 400) for n in range(1, 30)])
    assert workstation("check", path).returncode == 1  # no bylines: preflight reads every article
    assert_damage_is_one_line(path, "name = 'articles' AND pagetype = 'leaf'")
