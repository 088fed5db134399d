"""A library is data, not code: only the schema our migrations make is ever opened."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from tests.library.conftest import file_digest, make_library_at_revision, sql
from tests.library.hostile import HOSTILE_LIBRARIES
from workstation.errors import LibraryError
from workstation.library import schema_guard
from workstation.library.database import HEAD, REVISIONS, open_library
from workstation.library.models import Article

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    # A hostile file that slipped through would hang; the timeout turns that into a failure.
    return subprocess.run([sys.executable, "-m", "workstation", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def hostile(new_library_file, tmp_path: Path):
    """Make the named hostile library in its own folder; returns its path."""

    def make(case: str) -> Path:
        folder = tmp_path / "mail"
        folder.mkdir()
        path = new_library_file(folder / "from-a-colleague.wslib")
        HOSTILE_LIBRARIES[case][0](path)
        return path

    return make


@pytest.mark.parametrize("case", HOSTILE_LIBRARIES)
@pytest.mark.parametrize("readonly", [False, True], ids=["edit", "readonly"])
def test_a_library_with_an_altered_schema_is_refused_with_one_line(hostile, case: str, readonly: bool) -> None:
    path = hostile(case)
    with pytest.raises(LibraryError) as refusal:
        open_library(path, readonly=readonly)
    assert str(refusal.value) == (
        f"{path}: the library's schema has been altered ({HOSTILE_LIBRARIES[case][1]}); refusing to open it"
    )


@pytest.mark.parametrize("case", HOSTILE_LIBRARIES)
def test_a_refused_hostile_library_is_left_exactly_as_it_came(hostile, case: str) -> None:
    path = hostile(case)
    digest, listing = file_digest(path), _listing(path.parent)
    with pytest.raises(LibraryError):
        open_library(path)
    assert file_digest(path) == digest
    assert _listing(path.parent) == listing


def test_a_planted_trigger_never_touches_the_users_writes(hostile, tmp_path: Path) -> None:
    path = hostile("planted trigger")
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Trams return\n---\nThe depot reopened on Monday.\n", encoding="utf-8")
    result = _cli("import", path, story)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "schema has been altered (unexpected trigger 'x')" in result.stderr
    assert sql(path, "SELECT count(*) FROM articles") == [(0,)]


@pytest.mark.parametrize("command", ["check", "search", "export"])
def test_a_table_swapped_for_a_looping_view_is_refused_by_every_command_at_once(
    hostile, tmp_path: Path, command: str
) -> None:
    path = hostile("table swapped for a looping view")
    extra = {"check": [], "search": ["trams"], "export": [tmp_path / "site"]}[command]
    result = _cli(command, path, *extra)
    assert result.returncode == 2
    assert result.stderr == (
        f"workstation: {path}: the library's schema has been altered "
        "('sections' is a view where a table belongs); refusing to open it\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_check_reports_a_planted_trigger(hostile) -> None:
    path = hostile("planted trigger")
    result = _cli("check", path)
    assert result.returncode == 2
    assert result.stderr == (
        f"workstation: {path}: the library's schema has been altered (unexpected trigger 'x'); refusing to open it\n"
    )


def test_a_library_made_today_has_exactly_the_schema_of_the_head_revision(library) -> None:
    connection = sqlite3.connect(library.path)
    try:
        assert schema_guard.read_schema(connection) == schema_guard.expected_schema(HEAD)
    finally:
        connection.close()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_library_of_every_older_revision_is_recognised_and_upgraded(tmp_path: Path, revision: str) -> None:
    path = tmp_path / f"schema{revision}.wslib"
    make_library_at_revision(path, revision)
    with open_library(path) as lib, lib.transaction() as session:
        session.add(Article(slug="trams", headline="Trams return"))
    assert sql(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_a_library_the_user_analysed_with_sqlite_still_opens(library) -> None:
    library.close()
    sql(library.path, "ANALYZE")
    assert sql(library.path, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") == [(1,)]
    open_library(library.path).close()


def test_layout_case_and_identifier_quotes_do_not_count_as_changes() -> None:
    written = "CREATE TABLE settings (\n\t\"key\" VARCHAR(100) NOT NULL, value TEXT)"
    renamed = 'create table "settings"("key" varchar ( 100 ) not null,VALUE text)'
    assert schema_guard.normalise_sql(written) == schema_guard.normalise_sql(renamed)


def test_a_changed_string_literal_counts_as_a_change() -> None:
    ours = "CREATE TABLE t (s TEXT CHECK (s IN ('draft')))"
    theirs = "CREATE TABLE t (s TEXT CHECK (s IN ('Draft')))"
    assert schema_guard.normalise_sql(ours) != schema_guard.normalise_sql(theirs)


def test_the_shipped_schema_snapshot_is_what_the_migrations_make() -> None:
    assert schema_guard.snapshot_is_current(), (
        "workstation/library/migrations/schemas.json is out of date with the migrations; "
        "regenerate it with: python -m workstation.library.schema_guard"
    )


def test_reading_connections_distrust_code_in_the_schema(library) -> None:
    library.close()
    with open_library(library.path, readonly=True) as reader, reader.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
        assert connection.exec_driver_sql("PRAGMA cell_size_check").scalar() == 1


def test_writing_connections_check_cell_sizes(library) -> None:
    with library.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cell_size_check").scalar() == 1


@pytest.fixture
def snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A record of schemas of our own, in place of the shipped one, for this test only."""
    monkeypatch.setattr(schema_guard, "SNAPSHOT", tmp_path / "schemas.json")
    schema_guard._recorded.cache_clear()
    yield tmp_path / "schemas.json"
    schema_guard._recorded.cache_clear()


EARLIER_SPELLING = "CREATE TABLE settings (key VARCHAR(100) NOT NULL PRIMARY KEY, value TEXT NOT NULL)"


def _spell_settings_as_an_earlier_build(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("PRAGMA writable_schema = ON")
            connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'settings'", (EARLIER_SPELLING,))
    finally:
        connection.close()


def test_a_library_opens_when_the_record_lacks_its_schema(snapshot: Path, library) -> None:
    library.close()
    assert not snapshot.exists()
    open_library(library.path).close()


def test_a_schema_recorded_from_an_earlier_build_still_opens(snapshot: Path, library) -> None:
    library.close()
    _spell_settings_as_an_earlier_build(library.path)
    with pytest.raises(LibraryError, match=r"altered \(table 'settings' was changed\)"):
        open_library(library.path)
    schema_guard.write_snapshot()
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    earlier = copy.deepcopy(document["revisions"][HEAD][0])
    earlier["settings"][2] = schema_guard.normalise_sql(EARLIER_SPELLING)
    document["revisions"][HEAD].append(earlier)
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    schema_guard._recorded.cache_clear()
    open_library(library.path).close()


def test_recording_again_keeps_every_earlier_variant(snapshot: Path) -> None:
    schema_guard.write_snapshot()
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["revisions"]["0001"].append({"alembic_version": ["table", "alembic_version", "an earlier spelling"]})
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    schema_guard.write_snapshot()
    assert len(json.loads(snapshot.read_text(encoding="utf-8"))["revisions"]["0001"]) == 2


@pytest.mark.skipif(
    not hasattr(sqlite3.Connection, "setconfig"), reason="Python reaches SQLite's defensive mode from 3.12"
)
def test_no_connection_may_rewrite_the_schema_by_hand(library) -> None:
    with library.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA writable_schema = ON")
        with pytest.raises(DBAPIError, match="may not be modified"):
            connection.exec_driver_sql("UPDATE sqlite_master SET sql = sql WHERE name = 'articles'")
