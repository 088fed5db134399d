"""``workstation take-out`` and ``workstation bring-back``: the round trip by command, and refusals in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cli import main
from workstation.library.articles import find_article, new_article
from workstation.library.database import open_library


@pytest.fixture
def newsroom_url(new_newsroom_url) -> str:  # type: ignore[no-untyped-def]
    """A newsroom holding one draft, "river-districts"."""
    url = new_newsroom_url()
    with open_library(url) as newsroom, newsroom.transaction() as session:
        article = new_article(session, "River districts")
        article.body = "Power came back at dawn."
    return url


def test_take_out_then_bring_back_by_command(newsroom_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "offline.wslib"
    assert main(["take-out", newsroom_url, str(path), "--article", "river-districts"]) == 0
    assert "took 1 article offline" in capsys.readouterr().out
    with open_library(path) as taken, taken.transaction() as session:
        find_article(session, "river-districts").body = "Power came back at dawn, street by street."

    assert main(["bring-back", str(path), newsroom_url]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[0] == "river-districts: brought back"
    assert "1 brought back" in out.splitlines()[-1]
    with open_library(newsroom_url) as newsroom, newsroom.session() as session:
        assert find_article(session, "river-districts").body == "Power came back at dawn, street by street."


def test_a_wrong_address_is_one_line_and_no_file(tmp_path: Path, postgres_server, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://workstation:s3cret@/absent?host={postgres_server.folder}"
    assert main(["take-out", url, str(tmp_path / "offline.wslib"), "--article", "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot connect" in err and "s3cret" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_was_not_taken_out_is_refused_in_one_line(
    newsroom_url: str, new_library_file, capsys  # type: ignore[no-untyped-def]
) -> None:
    path = new_library_file()
    before = path.read_bytes()
    assert main(["bring-back", str(path), newsroom_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing in it was taken out of a newsroom" in err
    assert path.read_bytes() == before


def test_bring_back_to_another_newsroom_is_refused_in_one_line(
    newsroom_url: str, new_newsroom_url, tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "offline.wslib"
    assert main(["take-out", newsroom_url, str(path), "--article", "river-districts"]) == 0
    capsys.readouterr()
    assert main(["bring-back", str(path), new_newsroom_url()]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was taken out of" in err and "nothing was changed" in err


def test_a_library_file_in_place_of_the_address_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["take-out", str(tmp_path / "a.wslib"), str(tmp_path / "b.wslib"), "--article", "x"]) == 2
    assert "must be a newsroom address" in capsys.readouterr().err


def test_a_newsroom_address_in_place_of_the_file_is_refused_without_echoing_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql://olena:s3cret@host/db"
    assert main(["take-out", url, url, "--article", "x"]) == 2
    err = capsys.readouterr().err
    assert "must be a library file" in err and "s3cret" not in err
