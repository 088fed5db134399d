"""Every command that takes a LIBRARY takes a newsroom's postgresql:// URL, and no message shows its password."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from tests.library.test_original_store import jpeg_with_tail
from workstation.cli import main
from workstation.library.database import open_library
from workstation.library.models import PhotoOriginal

PASSWORD = "s3cret-word"
# Each command with what it needs besides LIBRARY (folders are made under the test's tmp_path).
COMMANDS = [
    ["import", "{tmp}/story.md"],
    ["export", "{tmp}/site"],
    ["check"],
    ["search", "tram"],
    ["publish", "trams"],
    ["unpublish", "trams", "--yes"],
    ["correct", "trams", "The depot is in Saltivka."],
    ["export-authors", "{tmp}/authors"],
    ["forget-caches"],
    ["demo"],
]


def command(arguments: list[str], library: str, tmp: Path) -> list[str]:
    return [arguments[0], library, *(argument.format(tmp=tmp) for argument in arguments[1:])]


@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda arguments: arguments[0])
def test_a_newsroom_that_refuses_the_connection_is_one_line_without_the_password(  # type: ignore[no-untyped-def]
    arguments: list[str], postgres_server, tmp_path: Path, capsys
) -> None:
    (tmp_path / "story.md").write_text("---\ntitle: Trams\n---\nBody.\n", encoding="utf-8")
    url = f"postgresql://olena:{PASSWORD}@/absent?host={postgres_server.folder}"
    assert main(command(arguments, url, tmp_path)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("workstation: postgresql://olena@/absent")
    assert PASSWORD not in captured.err
    assert not (tmp_path / "site").exists() and not (tmp_path / "authors").exists()


@pytest.mark.parametrize("scheme", ["postgresq", "postgresql+psycopg", "mysql"])
@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda arguments: arguments[0])
def test_a_mistyped_scheme_is_refused_naming_only_the_scheme(  # type: ignore[no-untyped-def]
    arguments: list[str], scheme: str, tmp_path: Path, capsys
) -> None:
    assert main(command(arguments, f"{scheme}://olena:{PASSWORD}@db.example/newsroom", tmp_path)) == 2
    assert capsys.readouterr().err == (
        f"workstation: {scheme}://…: neither a library file nor a newsroom "
        "(a newsroom's address begins with postgresql://)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_commands_work_on_a_newsroom_as_on_a_file(new_newsroom_url, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = new_newsroom_url()
    (tmp_path / "tram.jpg").write_bytes(jpeg_with_tail(10))
    (tmp_path / "trams.md").write_text(
        "---\ntitle: Night trams return\nslug: trams\nimage: tram.jpg\nimage_alt: A red tram\n"
        "image_credit: Olena Koval\n---\nThe night trams run again from the depot.\n",
        encoding="utf-8",
    )
    assert main(["import", url, str(tmp_path / "trams.md")]) == 0
    assert main(["search", url, "depot"]) == 0
    assert "article trams: Night trams return" in capsys.readouterr().out
    assert main(["publish", url, "trams", "--override", "a test"]) == 0
    assert main(["correct", url, "trams", "The depot is in Saltivka."]) == 0
    assert main(["export", url, str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "articles" / "trams" / "index.html").read_text(encoding="utf-8")
    assert "Night trams return" in page and "The depot is in Saltivka." in page
    assert list((tmp_path / "site").rglob("*.webp")), "the photo's renditions, read from the newsroom"
    assert main(["unpublish", url, "trams", "--yes"]) == 0
    assert main(["export-authors", url, str(tmp_path / "authors")]) == 0
    assert main(["forget-caches", url]) == 0
    captured = capsys.readouterr()
    assert "postgresql://" not in captured.err


def test_check_on_a_newsroom_says_what_it_checks_and_finds_a_damaged_original(  # type: ignore[no-untyped-def]
    new_newsroom_url, tmp_path: Path, capsys
) -> None:
    url = new_newsroom_url()
    (tmp_path / "tram.jpg").write_bytes(jpeg_with_tail(10))
    assert main(["import", url, str(tmp_path / "tram.jpg")]) == 0
    capsys.readouterr()
    assert main(["check", url]) == 0
    first, last = capsys.readouterr().out.splitlines()
    assert first.startswith(f"{url}: newsroom at schema revision ")
    assert "checking 1 photo original against their SHA-256" in first
    assert "the database's own pages are the PostgreSQL server's to check" in first
    assert last == f"{url}: no problems found"
    with open_library(url) as newsroom, newsroom.transaction() as session:
        session.execute(update(PhotoOriginal).values(data=b"bitrot"))
    assert main(["check", url]) == 1
    out = capsys.readouterr().out
    assert "photo 1: the stored original is damaged" in out
