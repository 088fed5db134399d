"""The command line: demo, import, check and search, with their exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli.conftest import run_cli
from tests.command_line import workstation
from tests.library.conftest import file_digest, jpeg_bytes
from workstation.cli import main
from workstation.library.database import open_library
from workstation.library.models import Article, Photo


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def story(slug: str, extra: str = "", body: str = "The depot reopened.\n") -> str:
    return f"---\ntitle: Story {slug}\nslug: {slug}\n{extra}\n---\n{body}"


# --- demo -------------------------------------------------------------------------


def test_demo_creates_a_library_and_says_what_is_in_it(demo_library: Path) -> None:
    with open_library(demo_library, readonly=True) as library, library.session() as session:
        assert len(session.scalars(select(Article)).all()) >= 6


def test_demo_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.wslib", "precious")
    result = workstation("demo", path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"workstation: {path}: a file with that name already exists; choose another name"
    assert path.read_text() == "precious"


def test_demo_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "d.wslib")]) == 0
    assert capsys.readouterr().out.startswith(f"created {tmp_path / 'd.wslib'}: ")


# --- import -------------------------------------------------------------------------


def test_import_creates_the_library_and_lands_every_good_file(tmp_path: Path) -> None:
    write(tmp_path / "in/a.md", story("a"))
    (tmp_path / "in/pic.jpg").write_bytes(jpeg_bytes())
    result = workstation("import", tmp_path / "lib.wslib", tmp_path / "in")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"created {tmp_path / 'lib.wslib'}", "imported 1 new and 0 updated articles, 0 author profiles, 1 photo"]
    assert result.stderr == ""


def test_import_names_each_refused_file_and_exits_2(tmp_path: Path) -> None:
    good = write(tmp_path / "in/good.md", story("good"))
    bad = write(tmp_path / "in/bad.md", story("bad", "status: archived"))
    fake = tmp_path / "in/fake.jpg"
    fake.write_text("not a picture")
    result = workstation("import", tmp_path / "lib.wslib", good.parent)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"workstation: refused {bad}: unknown status 'archived'")
    assert lines[1].startswith(f"workstation: refused {fake}: ")
    with open_library(tmp_path / "lib.wslib", readonly=True) as library, library.session() as session:
        assert session.scalars(select(Article.slug)).all() == ["good"]
        assert session.scalars(select(Photo)).all() == []


def test_import_into_a_file_that_is_not_a_library_changes_nothing(tmp_path: Path) -> None:
    target = write(tmp_path / "notes.wslib", "my notes")
    digest = file_digest(target)
    result = workstation("import", target, write(tmp_path / "a.md", story("a")))
    assert result.returncode == 2
    assert result.stderr.strip() == f"workstation: {target}: not a Workstation library (not an SQLite database)"
    assert file_digest(target) == digest


def test_import_refuses_while_another_workstation_writes_the_library(tmp_path: Path) -> None:
    from workstation.library.lock import LibraryLock

    library = tmp_path / "lib.wslib"
    open_library(library, create=True).close()
    with LibraryLock(library):
        result = workstation("import", library, write(tmp_path / "a.md", story("a")))
    assert result.returncode == 2 and "open in another Workstation" in result.stderr


def test_import_without_paths_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(tmp_path / "lib.wslib")])
    assert exit_.value.code == 2


# --- check --------------------------------------------------------------------------


def _library_with(tmp_path: Path, *files: tuple[str, str]) -> Path:
    for name, text in files:
        write(tmp_path / "in" / name, text)
    path = tmp_path / "lib.wslib"
    assert main(["import", str(path), str(tmp_path / "in")]) == 0
    return path


AUTHOR = ("olena.md", "---\ntype: author\nname: Olena Koval\nslug: olena\n---\nCovers transport.\n")


def test_check_of_a_clean_library_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _library_with(tmp_path, AUTHOR, ("a.md", story("a", "status: published\nauthors: olena")))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: no problems found\n"


def test_check_prints_one_finding_per_line_and_exits_1(tmp_path: Path) -> None:
    path = _library_with(tmp_path, AUTHOR, ("a.md", story("a", "status: published", "[[missing-story]]\n")))
    result = workstation("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "article a: is published without a byline",
        "article a: links to [[missing-story]], which is not in the library",
    ]
    assert result.stderr == "workstation: 2 problems found\n"


def test_check_looks_at_drafts_only_with_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _library_with(tmp_path, ("d.md", story("d", "", "[[nowhere]]\n")))
    assert main(["check", str(path)]) == 0
    assert main(["check", "--all", str(path)]) == 1


def test_check_of_an_unusable_file_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.wslib"
    path.write_bytes(jpeg_bytes())
    result = workstation("check", path)
    assert result.returncode == 2
    assert result.stderr == f"workstation: {path}: not a Workstation library (not an SQLite database)\n"
    assert result.stdout == ""


def test_check_of_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "none.wslib")]) == 2
    assert capsys.readouterr().err == f"workstation: {tmp_path / 'none.wslib'}: no such library file\n"


def test_a_mistyped_command_is_one_line_naming_the_commands_without_starting_the_app() -> None:
    result = run_cli("exprot")
    assert result.returncode == 2
    assert result.stderr == (
        "workstation: exprot: no such library file (commands: demo, import, export, export-authors, check, publish, unpublish, correct, search, forget-caches, newsroom, take-out, bring-back)\n"
    )


# --- search -------------------------------------------------------------------------


def test_search_prints_one_hit_per_line(tmp_path: Path) -> None:
    path = _library_with(tmp_path, AUTHOR, ("a.md", story("trams", body="Kharkiv trams run again.\n")))
    result = workstation("search", path, "kharkiv", "tra")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["article trams: Story trams — Kharkiv trams run again."]


def test_search_can_be_limited_to_one_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _library_with(tmp_path, AUTHOR, ("a.md", story("a", body="Olena wrote this.\n")))
    capsys.readouterr()
    assert main(["search", str(path), "olena", "--kind", "author"]) == 0
    assert capsys.readouterr().out == "author olena: Olena Koval — Covers transport.\n"


def test_search_says_so_when_nothing_matches(demo_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(demo_library), "zzzzqqq"]) == 0
    assert capsys.readouterr().out == "no matches\n"


@pytest.mark.parametrize("query", ['"', "NEAR(", ")", "*", "a OR"])
def test_search_takes_any_text(demo_library: Path, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(demo_library), query]) == 0


def test_search_finds_demo_content_in_every_kind(demo_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(demo_library), "millbrook", "--limit", "200"]) == 0
    kinds = {line.split(" ", 1)[0] for line in capsys.readouterr().out.splitlines()}
    assert {"article", "author"} <= kinds


def test_author_profiles_exported_as_markdown_import_back_unchanged(demo_library: Path, tmp_path: Path) -> None:
    from workstation.library.models import Author

    assert main(["export-authors", str(demo_library), str(tmp_path / "profiles")]) == 0
    assert main(["import", str(tmp_path / "copy.wslib"), str(tmp_path / "profiles")]) == 0

    def profiles(path: Path) -> list[tuple]:
        with open_library(path, readonly=True) as library, library.session() as session:
            return [
                (a.slug, a.name, a.role, a.bio, a.email, a.website, a.location, a.social_links, bool(a.avatar))
                for a in session.scalars(select(Author).order_by(Author.slug))
            ]

    assert profiles(tmp_path / "copy.wslib") == profiles(demo_library)
