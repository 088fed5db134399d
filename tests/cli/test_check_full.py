"""``workstation check`` reads every page by default; ``--full`` also matches every index against its table."""

from __future__ import annotations

from pathlib import Path

from tests.command_line import workstation
from tests.library.conftest import sql
from workstation.library.database import open_library
from workstation.library.models import Article


def _index_out_of_step(path: Path) -> None:
    """Rewrite the one entry of ``ix_articles_status`` in place: the page stays well formed, the index is wrong."""
    page_size = sql(path, "PRAGMA page_size")[0][0]
    [(page,)] = sql(path, "SELECT pageno FROM dbstat WHERE name = 'ix_articles_status'")
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        content = handle.read(page_size)
        assert content.count(b"draft") == 1
        handle.seek((page - 1) * page_size)
        handle.write(content.replace(b"draft", b"dreft"))


def _library_with_a_draft(new_library_file, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.transaction() as session:
        session.add(Article(slug="plan", headline="A plan", status="draft"))
    _index_out_of_step(path)
    return path


def test_an_index_out_of_step_with_its_table_is_found_by_the_full_check(new_library_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = workstation("check", "--full", _library_with_a_draft(new_library_file, tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("workstation: the library file is damaged (")
    assert "ix_articles_status" in result.stderr


def test_the_default_check_reads_pages_not_index_contents(new_library_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = workstation("check", _library_with_a_draft(new_library_file, tmp_path))
    assert result.returncode == 0, result.stderr


def test_the_help_says_what_each_check_reads() -> None:
    shown = " ".join(workstation("check", "--help").stdout.split())
    assert "--full" in shown and "integrity_check" in shown and "quick_check" in shown
