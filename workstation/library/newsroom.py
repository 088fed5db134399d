"""A shared newsroom: the library's models and migrations on a PostgreSQL server.

Named by a ``postgresql://`` URL, which goes to libpq as written: the host,
user, password and database may come from a PostgreSQL service file
(``?service=NAME``), ``PGPASSFILE``, ``PG*`` variables or libpq's defaults,
as in every PostgreSQL tool, and nothing of them is stored in the newsroom.
A password is never shown: every message names the newsroom by
``shown(url)``, and libpq's own text is only quoted when a connection was
attempted (its errors never contain the password).

What a library file needs on open (the one-writer lock, the WAL guard, the
header and schema checks) is the server's business here: PostgreSQL takes
many writers, and its own catalogue stands for the file's schema. The
schema is made and upgraded only by ``init_newsroom`` (``workstation
newsroom init URL``), never by an open: with several desks connected an
upgrade is a decision, not a side effect.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from workstation.errors import LibraryError, StorageFailed
from workstation.library.changes import DESK_SETTING
from workstation.library.database import APPLICATION_ID, HEAD, REVISIONS, Library
from workstation.library.migrating import upgrade
from workstation.library.plain import Plain
from workstation.library.users import add_user

CONNECT_TIMEOUT_SECONDS = 10
POOL_SIZE = 8


def _parameters(url: str) -> dict[str, object]:
    try:
        return conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        # libpq's message quotes the part it could not read, which may be the password.
        raise LibraryError(f"{url.split('://', 1)[0]}://…: not a valid PostgreSQL connection URL") from None


def shown(url: str) -> str:
    """The newsroom's address for messages: user, host, port, database and service, never the password."""
    parameters = _parameters(url)
    user = f"{parameters['user']}@" if parameters.get("user") else ""
    host = str(parameters.get("host", ""))
    socket_folder = host.startswith("/")
    port = f":{parameters['port']}" if parameters.get("port") else ""
    options = [f"host={host}"] if socket_folder else []
    options += [f"service={parameters['service']}"] if parameters.get("service") else []
    query = f"?{'&'.join(options)}" if options else ""
    return f"postgresql://{user}{'' if socket_folder else host}{port}/{parameters.get('dbname', '')}{query}"


def _first_line(error: BaseException) -> str:
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    """One connection, made now, so that a wrong address or password is said in one line."""
    _parameters(url)
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=autocommit)
    except psycopg.Error as exc:
        raise LibraryError(f"{shown(url)}: cannot connect ({_first_line(exc)})") from None


def _engine(url: str, desk: str = "") -> tuple[Engine, ConnectionPool]:
    """An engine whose connections come from psycopg's pool (SQLAlchemy keeps none of its own).

    With ``desk``, every connection carries it as ``DESK_SETTING``, which the
    change notices name, so that a desk can tell its own changes from others'.
    """
    _connect(url).close()
    options = {"options": f"-c {DESK_SETTING}={desk}"} if desk else {}
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=POOL_SIZE,
        kwargs={"connect_timeout": CONNECT_TIMEOUT_SECONDS, **options},
        close_returns=True,
        open=False,
        name="workstation-newsroom",
    )
    pool.open()
    return create_engine("postgresql+psycopg://", creator=pool.getconn, poolclass=NullPool), pool


def _revision(session_or_connection: Session | object) -> str | None:
    """The newsroom's schema revision; None when the database holds no Workstation schema."""
    connection = session_or_connection
    found = connection.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()  # type: ignore[attr-defined]
    if not found:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""  # type: ignore[attr-defined]


def _refuse_newer(url: str, revision: str) -> None:
    if revision not in REVISIONS:
        raise LibraryError(
            f"{shown(url)}: made by a newer version of Workstation (schema {revision or 'unknown'}); "
            "update Workstation to open it"
        )


# Text must sort byte by byte, as in a library file (SQLite's BINARY collation), so that lists, pages and
# the render cache's key ranges come out the same; and lower() must fold every script, for slugs and search.
_TEXT_RULES = "SELECT 'B' < 'a' AND '~' > 'z', lower('ÉЖ') = 'éж'"


def _refuse_unfit_locale(url: str, connection: object) -> None:
    bytewise, folds = connection.execute(text(_TEXT_RULES)).one()  # type: ignore[attr-defined]
    if not (bytewise and folds):
        raise LibraryError(
            f"{shown(url)}: the database's locale "
            f"{'sorts text by language' if not bytewise else 'does not fold the case of every script'}; "
            "create it with: createdb --template=template0 --locale=C.UTF-8 NAME"
        )


def init_newsroom(url: str) -> str:
    """Create the newsroom's schema in an empty database, or upgrade an older one; returns what was done.

    All in one transaction (PostgreSQL's DDL is transactional), under an
    advisory lock so that two inits at once run one after the other: a
    failure leaves the database as it was.
    """
    engine, pool = _engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPLICATION_ID})
            revision = _revision(connection)
            _refuse_unfit_locale(url, connection)
            if revision is None:
                tables = connection.execute(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
                ).scalar()
                if tables:
                    raise LibraryError(f"{shown(url)}: the database already holds other tables; use an empty one")
                upgrade(connection, HEAD)
                return "created"
            _refuse_newer(url, revision)
            if revision == HEAD:
                return "up to date"
            upgrade(connection, HEAD)
            return f"upgraded from schema {revision}"
    except DBAPIError as exc:
        raise LibraryError(f"{shown(url)}: the newsroom could not be set up ({_first_line(exc)})") from None
    finally:
        engine.dispose()
        pool.close()


class Newsroom(Library):
    """An open newsroom: the same sessions and transactions as a library file, on a server."""

    def __init__(
        self, url: str, engine: Engine, pool: ConnectionPool, readonly: bool, user: str | None = None, *, desk: str = ""
    ) -> None:
        self.url = shown(url)
        self._pool = pool
        # What this open newsroom's connections are named by in change notices (``changes.DESK_SETTING``).
        self.desk = desk
        # The name last put on the list of users by this open newsroom ("" before its first write).
        self._listed = ""
        super().__init__(None, engine, readonly, user)

    def list_user(self) -> None:
        """Put who works through this newsroom on its list of users now (the desk's choice of name)."""
        with self.transaction():
            pass

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work, committed whole or rolled back whole; returning means the server committed it.

        A connection lost before the commit was acknowledged raises
        ``StorageFailed``: the server then rolled the transaction back.
        """
        if self.readonly:
            raise LibraryError(f"{self.url}: opened read-only; changes cannot be saved")
        listing = self.user if self.user != self._listed else None
        try:
            with self._sessions.begin() as session:
                if listing is not None:
                    # The list gains a name with its first write, never merely by opening: the
                    # account's login, used until the desk asks who this is, is not a person.
                    add_user(session, listing)
                yield session
        except DBAPIError as exc:
            if not exc.connection_invalidated and not isinstance(exc.orig, psycopg.OperationalError):
                raise
            problem = _first_line(exc)
            raise StorageFailed(f"{self.url}: the changes could not be saved ({problem})", problem) from None
        if listing is not None:
            self._listed = listing

    @contextmanager
    def reading(self) -> Iterator[Plain]:
        """One read transaction in plain SQL, on the session's own psycopg connection."""
        try:
            with self.session() as session:
                yield Plain(session.connection().connection.dbapi_connection, placeholder="%s")
        except psycopg.Error as exc:
            raise LibraryError(f"{self.url}: cannot be read ({_first_line(exc)})") from None

    @contextmanager
    def writing(self) -> Iterator[Plain]:
        """One write transaction in plain SQL, committed with the session (as ``transaction``)."""
        try:
            with self.transaction() as session:
                yield Plain(session.connection().connection.dbapi_connection, placeholder="%s")
        except psycopg.Error as exc:
            raise LibraryError(f"{self.url}: {_first_line(exc)}") from None

    @property
    def address(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        parameters = _parameters(self.url)
        return str(parameters.get("dbname") or parameters.get("service") or self.url)

    def dedicated_connection(self) -> psycopg.Connection:
        """A connection of its own, outside the pool, in autocommit mode: for a listener that stays open."""
        return _connect(self._pool.conninfo, autocommit=True)

    def close(self) -> None:
        self.engine.dispose()
        self._pool.close()


def open_newsroom(url: str, *, readonly: bool = False, user: str | None = None) -> Newsroom:
    """Open the newsroom at ``url``; it must have been made (or upgraded) by ``init_newsroom``."""
    desk = secrets.token_hex(8)
    engine, pool = _engine(url, desk)
    try:
        with engine.connect() as connection:
            revision = _revision(connection)
        if revision is None:
            raise LibraryError(f"{shown(url)}: not a Workstation newsroom; make it with: workstation newsroom init URL")
        _refuse_newer(url, revision)
        if revision != HEAD:
            raise LibraryError(
                f"{shown(url)}: made by an older Workstation; upgrade it with: workstation newsroom init URL"
            )
    except (LibraryError, DBAPIError) as exc:
        engine.dispose()
        pool.close()
        if isinstance(exc, LibraryError):
            raise
        raise LibraryError(f"{shown(url)}: cannot be opened ({_first_line(exc)})") from None
    try:
        return Newsroom(url, engine, pool, readonly, user, desk=desk)
    except BaseException:
        engine.dispose()
        pool.close()
        raise
