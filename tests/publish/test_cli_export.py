"""``workstation export``: exit codes, messages, and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cli import main
from workstation.library.database import Library


@pytest.fixture
def library_file(newsroom: Library) -> Path:
    path = newsroom.path
    newsroom.close()
    return Path(path)


def test_export_writes_the_site_and_exits_zero(library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(library_file), str(tmp_path / "site"), "--base-url", "https://news.example.org/"]) == 0
    assert (tmp_path / "site" / "articles" / "river-rises" / "index.html").is_file()
    captured = capsys.readouterr()
    assert "5 articles exported" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal


def test_export_into_a_foreign_folder_exits_two_with_one_line(
    library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"x")
    assert main(["export", str(library_file), str(tmp_path / "photos")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not empty" in err


def test_export_of_a_missing_library_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "none.wslib"), str(tmp_path / "site")]) == 2
    assert "no such library file" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_single_file_export_prints_the_file(library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(library_file), str(tmp_path), "--article", "river-rises", "--single-file"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "river-rises.html")


def test_single_file_needs_an_article(library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(library_file), str(tmp_path), "--single-file"]) == 2
    assert "--article" in capsys.readouterr().err


def test_the_summary_of_a_one_article_export_is_in_the_singular(tmp_path: Path) -> None:
    from workstation.publish.site import ExportReport

    report = ExportReport(tmp_path, articles=1, written=["index.html"])
    assert report.summary() == f"1 article exported to {tmp_path}: 1 file written, 0 unchanged, 0 removed"
