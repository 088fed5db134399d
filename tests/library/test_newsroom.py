"""A newsroom on PostgreSQL: made and upgraded by the library's own migrations, opened like a file."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from workstation.errors import LibraryError, StorageFailed
from workstation.library.changes import session_marker
from workstation.library.database import HEAD, open_library
from workstation.library.fts import ts_query
from workstation.library.migrating import upgrade
from workstation.library.models import Article, Base, Photo, PhotoOriginal
from workstation.library.newsroom import Newsroom, init_newsroom, shown
from workstation.library.search import search
from workstation.publish.preflight import integrity

# What the migrations add beyond the models, on PostgreSQL as in SQLite: the search index, and slugs' case-blind uniqueness.
EXTRAS = {f"{kind}_fts" for kind in ("articles", "photos", "authors")} | {
    f"{kind}_fts_document" for kind in ("articles", "photos", "authors")
} | {f"uq_{table}_slug_nocase" for table in ("articles", "authors", "sections", "tags")} | {
    # Expression indexes (migration 0014), which the models cannot declare.
    "ix_photos_grid_order", "ix_photos_creator_trimmed", "ix_photos_credit_line_trimmed",
}


def engine_for(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def test_the_test_server_listens_only_on_a_socket_in_its_own_folder(postgres_server) -> None:  # type: ignore[no-untyped-def]
    with postgres_server.admin() as connection:
        assert connection.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert connection.execute("SHOW unix_socket_directories").fetchone()[0] == str(postgres_server.folder)


def test_init_makes_exactly_the_models_tables(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url(postgres_server.create_database())
    assert init_newsroom(url) == "created"
    engine = engine_for(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert {(kind, element.name) for kind, element in differences} == {
        ("remove_table" if name.endswith("_fts") else "remove_index", name) for name in EXTRAS
    } | {("remove_table", "holds"), ("remove_index", "ix_holds_pid")}  # presence: a newsroom's only (library.holds)


def test_init_on_a_newsroom_at_the_head_schema_changes_nothing(new_newsroom_url) -> None:  # type: ignore[no-untyped-def]
    assert init_newsroom(new_newsroom_url()) == "up to date"


def test_init_upgrades_an_older_newsroom_which_then_opens(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url(postgres_server.create_database())
    engine = engine_for(url)
    with engine.begin() as connection:
        upgrade(connection, "0005")
    engine.dispose()
    with pytest.raises(LibraryError, match="older Workstation; upgrade it with: workstation newsroom init"):
        open_library(url)
    assert init_newsroom(url) == "upgraded from schema 0005"
    with open_library(url) as newsroom, newsroom.session() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_an_empty_database_is_no_newsroom(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url(postgres_server.create_database())
    with pytest.raises(LibraryError, match="not a Workstation newsroom; make it with: workstation newsroom init"):
        open_library(url)


def test_init_refuses_a_database_holding_other_tables(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url(postgres_server.create_database())
    engine = engine_for(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    with pytest.raises(LibraryError, match="already holds other tables"):
        init_newsroom(url)
    engine = engine_for(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None
    engine.dispose()


def test_a_newsroom_from_a_newer_workstation_is_refused(new_newsroom_url) -> None:  # type: ignore[no-untyped-def]
    url = new_newsroom_url()
    engine = engine_for(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(LibraryError, match=r"newer version of Workstation \(schema 9999\)"):
        open_library(url)
    with pytest.raises(LibraryError, match="newer version"):
        init_newsroom(url)


def test_an_unreachable_newsroom_is_one_line_without_the_password(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://workstation:s3cret-word@/no_such_database?host={postgres_server.folder}"
    with pytest.raises(LibraryError) as refused:
        open_library(url)
    message = str(refused.value)
    assert "\n" not in message and "s3cret-word" not in message
    assert message.startswith(f"postgresql://workstation@/no_such_database?host={postgres_server.folder}: cannot connect")
    assert "no_such_database" in message.split("cannot connect", 1)[1]


def test_a_malformed_address_is_refused_without_quoting_it() -> None:
    with pytest.raises(LibraryError, match="not a valid PostgreSQL connection URL") as refused:
        open_library("postgresql://user:pa%zzword@host/db")
    assert "pa%zz" not in str(refused.value)


def test_connection_settings_come_from_a_service_file(new_newsroom_url, postgres_server, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    database = new_newsroom_url().split("/")[3].split("?")[0]
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[desk]\nhost={postgres_server.folder}\nuser=workstation\ndbname={database}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with open_library("postgresql://?service=desk") as newsroom:
        assert isinstance(newsroom, Newsroom)
        assert newsroom.url == f"postgresql:///?service=desk"
        with newsroom.transaction() as session:
            session.add(Article(slug="via-service", headline="Via the service file"))
        with newsroom.session() as session:
            assert [hit.title for hit in search(session, "servic")] == ["Via the service file"]


def test_the_shown_address_keeps_everything_but_the_password() -> None:
    assert shown("postgresql://olena:pw@db.example.org:5433/news") == "postgresql://olena@db.example.org:5433/news"


def test_every_write_renews_the_change_marker(library_on_server) -> None:  # type: ignore[no-untyped-def]
    with library_on_server.session() as session:
        before = session_marker(session)
    with library_on_server.transaction() as session:
        session.add(Article(slug="marked", headline="Marked"))
    with library_on_server.session() as session:
        after = session_marker(session)
    assert before and after and before != after and after.startswith(f"{HEAD}:")


def test_a_connection_lost_before_the_commit_saves_nothing_and_says_so(library_on_server, postgres_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageFailed, match="the changes could not be saved"):
        with library_on_server.transaction() as session:
            session.add(Article(slug="lost", headline="Lost"))
            session.flush()
            backend = session.execute(text("SELECT pg_backend_pid()")).scalar()
            with postgres_server.admin() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
    with library_on_server.session() as session:
        assert session.query(Article).filter_by(slug="lost").count() == 0


@pytest.fixture
def library_on_server(new_newsroom_url):  # type: ignore[no-untyped-def]
    with open_library(new_newsroom_url()) as newsroom:
        yield newsroom


def test_the_integrity_check_of_a_newsroom_checks_its_photo_originals(library_on_server) -> None:  # type: ignore[no-untyped-def]
    with library_on_server.transaction() as session:
        session.add(Photo(sha256="0" * 64, mime="image/jpeg", width=4, height=3, size_bytes=5,
                          original=PhotoOriginal(data=b"bytes")))
    with library_on_server.session() as session:
        assert [finding.kind for finding in integrity(session)] == ["damaged-photo"]


def test_a_tsquery_requires_every_word_and_takes_the_last_as_a_prefix_while_typed() -> None:
    assert ts_query("Kharkiv tra") == "'Kharkiv' & 'tra':*"
    assert ts_query("kharkiv trams ") == "'kharkiv' & 'trams'"
    assert ts_query("trams & !depot | (x) 'open") == "'trams' & 'depot' & 'x' & 'open':*"
    assert ts_query(" :* - ") is None


def test_init_refuses_a_database_whose_locale_would_not_fold_cyrillic(postgres_server) -> None:  # type: ignore[no-untyped-def]
    name = f"plain_c_{id(postgres_server)}"
    with postgres_server.admin() as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
    with pytest.raises(LibraryError, match="does not fold the case of every script; create it with: createdb"):
        init_newsroom(postgres_server.url(name))
