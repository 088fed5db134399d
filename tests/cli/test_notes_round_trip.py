"""Import and export-authors carry suggestions and comments through untouched: they are the newsroom's work."""

from __future__ import annotations

from pathlib import Path

from workstation.cli import main
from workstation.library.authors import create_author
from workstation.library.database import Library, open_library
from workstation.library.models import Article, Author

NOTED = (
    "Covers the {~~courts~>city council~~} and {--sometimes--} the port.\n\n"
    "{==Kharkiv==}{>>Olena Marchenko · 2026-12-06 10:14: since when?<<} bureau {++since 2019++}."
)


def test_an_imported_article_keeps_its_suggestions_and_comments(library: Library, tmp_path: Path) -> None:
    source = tmp_path / "story.md"
    source.write_text(f"---\ntitle: Port reopens\nslug: port-reopens\n---\n{NOTED}\n", encoding="utf-8")
    assert main(["import", str(library.path), str(source)]) == 0
    with library.session() as session:
        assert session.query(Article).filter_by(slug="port-reopens").one().body.strip() == NOTED


def test_a_bio_with_notes_round_trips_through_export_authors_and_import(library: Library, tmp_path: Path) -> None:
    with library.transaction() as session:
        create_author(session, "Iryna Savchuk", role="Reporter", bio=NOTED)
    assert main(["export-authors", str(library.path), str(tmp_path / "profiles")]) == 0
    assert NOTED in (tmp_path / "profiles" / "iryna-savchuk.md").read_text(encoding="utf-8")
    other = tmp_path / "other.wslib"
    assert main(["import", str(other), str(tmp_path / "profiles")]) == 0
    with open_library(other) as copy, copy.session() as session:
        assert session.query(Author).filter_by(slug="iryna-savchuk").one().bio.strip() == NOTED
