"""``workstation check`` keeps what it read of each article's text, and reuses it only for the very same text."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.command_line import workstation
from tests.library.conftest import sql, write
from workstation.cli import main
from workstation.library.database import open_library
from workstation.library.lock import LibraryLock
from workstation.library.models import Article
from workstation.publish.preflight import publish_gate

AUTHOR = ("olena.md", "---\ntype: author\nname: Olena Koval\nslug: olena\n---\nCovers transport.\n")
SUGGESTION = "has 1 suggestion not yet accepted or rejected (the page shows the original words)"


def _story(slug: str, body: str, status: str = "published") -> tuple[str, str]:
    return f"{slug}.md", f"---\ntitle: Trams return to {slug}\nslug: {slug}\nstatus: {status}\nauthors: olena\n---\n{body}"


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    """Two clean published stories and a draft, imported by the real command."""
    for name, text in (AUTHOR, _story("depot", "The depot reopened.\n"), _story("line", "The line runs again.\n"),
                       _story("plan", "A plan.\n", status="draft")):
        write(tmp_path / "in" / name, text)
    path = tmp_path / "lib.wslib"
    assert main(["import", str(path), str(tmp_path / "in")]) == 0
    return path


def _kept(path: Path) -> dict[str, str]:
    """Kept facts by article slug."""
    return dict(sql(path, "SELECT a.slug, f.facts FROM preflight_facts f JOIN articles a ON a.id = f.article_id"))


def _claim_a_suggestion(path: Path, slug: str) -> None:
    """Make the kept facts of ``slug`` say what its text does not: only a reused row can report it."""
    claim = json.dumps([1, 0, [], [], [], []])
    sql(path, "UPDATE preflight_facts SET facts = ? WHERE article_id = (SELECT id FROM articles WHERE slug = ?)",
        claim, slug)


def test_a_check_keeps_the_facts_of_every_article_it_read(library_path: Path) -> None:
    assert workstation("check", library_path).returncode == 0
    assert sorted(_kept(library_path)) == ["depot", "line"]
    assert workstation("check", "--all", library_path).returncode == 0
    assert sorted(_kept(library_path)) == ["depot", "line", "plan"]


def test_an_unchanged_article_is_judged_by_its_kept_facts(library_path: Path) -> None:
    workstation("check", library_path)
    _claim_a_suggestion(library_path, "depot")
    result = workstation("check", library_path)
    assert result.stdout.splitlines() == [f"article depot: {SUGGESTION}"]


@pytest.mark.parametrize("column", ["headline", "dek", "body"])
def test_any_write_of_the_text_drops_its_kept_facts(library_path: Path, column: str) -> None:
    workstation("check", library_path)
    sql(library_path, f"UPDATE articles SET {column} = {column} || ' Kiev' WHERE slug = 'depot'")
    assert sorted(_kept(library_path)) == ["line"]
    found = workstation("check", library_path).stdout
    assert "article depot: house style: “Kyiv”, not “Kiev”" in found
    assert sorted(_kept(library_path)) == ["depot", "line"]


def test_an_edit_saved_by_the_desk_is_read_again(library_path: Path) -> None:
    workstation("check", library_path)
    _claim_a_suggestion(library_path, "line")
    with open_library(library_path) as library, library.transaction() as session:
        article = session.query(Article).filter_by(slug="line").one()
        article.body = "The line runs {++again ++}today.\n"
    result = workstation("check", library_path)
    assert result.stdout.splitlines() == [f"article line: {SUGGESTION}"]


def test_an_article_deleted_and_written_again_under_its_id_is_read_again(library_path: Path) -> None:
    workstation("check", library_path)
    _claim_a_suggestion(library_path, "depot")
    connection = sqlite3.connect(library_path)  # foreign keys off: no cascade, only the insert trigger
    with connection:
        connection.execute("CREATE TEMP TABLE saved AS SELECT * FROM articles WHERE slug = 'depot'")
        connection.execute("DELETE FROM articles WHERE slug = 'depot'")
        connection.execute("INSERT INTO articles SELECT * FROM saved")
    connection.close()
    assert sorted(_kept(library_path)) == ["line"]
    assert workstation("check", library_path).returncode == 0


def test_facts_kept_under_other_house_style_rules_are_read_again(library_path: Path) -> None:
    workstation("check", library_path)
    sql(library_path, "INSERT OR REPLACE INTO settings (key, value) VALUES ('desk.house_style', ?)",
        "avoid:\n  Trams: say which line\n")
    result = workstation("check", library_path)
    assert result.stdout.splitlines() == [
        "article depot: house style: avoid “Trams” — say which line",
        "article line: house style: avoid “Trams” — say which line",
    ]


def test_a_check_while_another_workstation_holds_the_library_keeps_nothing_and_finds_the_same(
    library_path: Path,
) -> None:
    sql(library_path, "UPDATE articles SET body = 'Runs {++again++}.' WHERE slug = 'line'")
    lock = LibraryLock(library_path)
    assert lock.acquire()
    try:
        held = workstation("check", library_path)
    finally:
        lock.release()
    assert _kept(library_path) == {}
    free = workstation("check", library_path)
    assert (held.returncode, held.stdout) == (free.returncode, free.stdout) == (1, f"article line: {SUGGESTION}\n")


def test_a_check_that_reuses_every_fact_says_what_a_fresh_one_says(demo_library: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.wslib"
    shutil.copyfile(demo_library, path)
    fresh = workstation("check", "--all", path)
    assert len(_kept(path)) == sql(path, "SELECT count(*) FROM articles")[0][0]
    again = workstation("check", "--all", path)
    assert fresh.stdout.strip()
    assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)


def test_the_publish_gate_reads_the_text_afresh(library_path: Path) -> None:
    workstation("check", library_path)
    _claim_a_suggestion(library_path, "depot")
    with open_library(library_path) as library, library.session() as session:
        article = session.query(Article).filter_by(slug="depot").one()
        assert publish_gate(session, article) == []


def test_facts_kept_by_another_build_are_read_again(library_path: Path) -> None:
    workstation("check", library_path)
    _claim_a_suggestion(library_path, "depot")
    sql(library_path, "UPDATE preflight_facts SET code = 'an older build'")
    assert workstation("check", library_path).returncode == 0
    assert set(dict(sql(library_path, "SELECT code, 1 FROM preflight_facts"))) != {"an older build"}


def test_facts_kept_for_an_older_text_are_not_trusted_when_that_text_comes_back(library_path: Path) -> None:
    sql(library_path, "UPDATE articles SET body = 'Runs {++again++}.' WHERE slug = 'line'")
    assert workstation("check", library_path).stdout == f"article line: {SUGGESTION}\n"
    sql(library_path, "UPDATE articles SET body = 'The line runs again.' WHERE slug = 'line'")
    assert workstation("check", library_path).returncode == 0
    sql(library_path, "UPDATE articles SET body = 'Runs {++again++}.' WHERE slug = 'line'")
    assert workstation("check", library_path).stdout == f"article line: {SUGGESTION}\n"
