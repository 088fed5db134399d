"""Opening, creating and upgrading the library file.

The file is the user's. Before anything may write to it, it is inspected
through a read-only connection: a file that is not SQLite, not a library,
damaged, made by a newer Workstation, or whose schema is not exactly the
one our migrations make (``schema_guard``) is refused with one clear line
and left byte-for-byte untouched, with nothing created beside it. Only a
file that passes is switched to WAL and, if older, upgraded under its write
lock: a backup copy is kept beside it and the migration runs on a copy
that replaces it only when whole.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, TYPE_CHECKING

from workstation.errors import LibraryError, LibraryLocked, StorageFailed
from workstation.library import schema_guard
from workstation.library.addresses import NEWSROOM_SCHEMES as NEWSROOM_SCHEMES
from workstation.library.addresses import is_newsroom_url as is_newsroom_url
from workstation.library.addresses import library_target as library_target
from workstation.library.lock import LibraryLock, held_here
from workstation.library.migrating import MIGRATIONS_DIR as MIGRATIONS_DIR
from workstation.library.migrating import upgrade
from workstation.library.plain import Plain
from workstation.library.storage_errors import driver_error, storage_problem
from workstation.library.temporary_files import copy_bytes, sync_file, sync_folder, temporary_beside
from workstation.library.user_names import default_user, user_name
from workstation.library.walguard import WalGuard
from workstation.regular_files import printable, printable_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

# PRAGMA application_id of every library file ("WSLB"); file(1) and the
# desktop MIME type can recognise a library by it.
APPLICATION_ID = 0x57534C42
# Every schema revision this build understands, oldest first; the last is head.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013", "0014", "0015", "0017", "0018")
HEAD = REVISIONS[-1]
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables whose pages are checked on open. The BLOB tables are left out: a
# full scan of gigabytes of photos would break the one-second open budget,
# and every original is verified against its SHA-256 when it is read. So is
# a table past OPEN_CHECK_ROWS rows (a decade's archive: 100,000 articles
# take over a second to scan); ``workstation check`` checks every page.
OPEN_CHECK_ROWS = 50_000
CHECKED_TABLES = (
    "settings",
    "sections",
    "tags",
    "authors",
    "articles",
    "article_authors",
    "article_tags",
    "photos",
    "revisions",
)


class FileState(NamedTuple):
    """What the read-only inspection learned about an existing file."""

    revision: str


def inspect_file(path: Path) -> FileState:
    """Decide whether ``path`` is a usable library without writing to it."""
    if not path.exists():
        raise LibraryError(f"{path}: no such library file")
    if not path.is_file():
        raise LibraryError(f"{path}: not a file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not header.startswith(SQLITE_MAGIC):
        raise LibraryError(f"{path}: not a Workstation library (not an SQLite database)")
    if len(header) < 100:
        raise LibraryError(f"{path}: the library file is damaged (truncated header)")
    # With changes in a WAL file (a checkpoint cut short by a full disk or a
    # kill), the main file may rightly be shorter than its header says; SQLite
    # reads those pages from the WAL, and its own checks below judge the file.
    if not _has_content(_side_file(path, "-wal")) and _truncated(header, path.stat().st_size):
        raise LibraryError(f"{path}: the library file is damaged (truncated: pages are missing from its end)")
    try:
        connection = sqlite3.connect(_inspection_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(f"{path}: cannot be opened ({storage_problem(exc, path.parent) or exc})") from None
    try:
        _harden(connection, readonly=True)
        return _inspect(connection, path)
    except sqlite3.DatabaseError as exc:
        problem = storage_problem(exc, path.parent)
        if problem is not None:
            raise LibraryError(f"{path}: cannot be opened ({problem})") from None
        raise LibraryError(f"{path}: the library file is damaged ({exc})") from None
    finally:
        connection.close()


def _side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _inspection_uri(path: Path) -> str:
    """How the inspection reads ``path``: never creating anything beside it.

    A read-only connection to a WAL library creates its ``-wal`` and
    ``-shm`` files; a refused file must be left with nothing new beside it.
    When none of SQLite's side files exist, no process has the file open
    for writing and the main file holds everything, so it is read as
    immutable, which creates nothing.
    """
    uri = _readonly_uri(path)
    if not any(_side_file(path, suffix).exists() for suffix in ("-wal", "-shm", "-journal")):
        uri = uri if "immutable=1" in uri else uri + "&immutable=1"
    return uri


def _readonly_uri(path: Path) -> str:
    """A read-only connection string that also works where nothing may be written.

    Reading a WAL library needs its ``-shm`` index, which SQLite creates
    beside the file; in a read-only folder (a mounted archive, a colleague's
    share) it cannot, so the file is read as immutable instead. That is only
    safe when no ``-wal`` file holds changes not yet in the main file.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if os.access(path.parent, os.W_OK | os.X_OK):
        return uri
    wal = _side_file(path, "-wal")
    if _has_content(wal):
        raise LibraryError(
            f"{path}: its folder is read-only and it has unsaved changes in {wal.name}; "
            "open it once from a writable folder"
        )
    return uri + "&immutable=1"


def _truncated(header: bytes, size: int) -> bool:
    """Whether the file is shorter than the page count its header records.

    SQLite only trusts that count while the "version valid for" field matches
    the change counter; a cut-off copy (a failed download, a full disk) is
    otherwise only noticed when a missing page happens to be read.
    """
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = int.from_bytes(header[24:28], "big")
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    return page_count > 0 and valid_for == change_counter and size < page_count * page_size


def is_library_file(path: Path) -> bool:
    """Whether ``path`` carries a library's signature, judged from its header alone.

    Cheap enough for a drag passing over the window; nothing is opened as a
    database, so a file that is not ours is never touched.
    """
    try:
        with Path(path).open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _inspect(connection: sqlite3.Connection, path: Path) -> FileState:
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    # The schema is read and judged before any table is: a hostile file's
    # views and triggers must never get the chance to run.
    schema = schema_guard.read_schema(connection)
    if application_id != APPLICATION_ID or "alembic_version" not in schema:
        raise LibraryError(f"{path}: an SQLite database, but not a Workstation library")
    schema_guard.verify_version_table(schema, path)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else ""
    if revision not in REVISIONS:
        raise LibraryError(
            f"{path}: made by a newer version of Workstation (schema {revision or 'unknown'}); "
            "update Workstation to open it"
        )
    schema_guard.verify_schema(schema, revision, path)
    for table in CHECKED_TABLES:
        if table not in schema or _past_open_check(connection, table):
            continue
        result = connection.execute(f"PRAGMA quick_check('{table}')").fetchone()[0]
        if result != "ok":
            raise LibraryError(f"{path}: the library file is damaged ({result})")
    return FileState(revision=revision)


def _past_open_check(connection: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` is too big to scan on open, judged by its largest rowid (one b-tree descent)."""
    largest = connection.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    return largest is not None and largest > OPEN_CHECK_ROWS


def _harden(connection: sqlite3.Connection, readonly: bool) -> None:
    """SQLite's defensive settings: a damaged page is caught, and schema code is distrusted where it can be.

    ``trusted_schema=OFF`` would also forbid our own search triggers, which
    write to FTS5 tables (SQLite does not count FTS5 as harmless), so it is
    set on reading connections only; a writing connection is only ever made
    to a file whose schema ``schema_guard`` found to be exactly ours.
    Defensive mode (no writes to the schema or to FTS5's own tables by hand)
    is set where Python can reach it (3.12 and later).
    """
    connection.execute("PRAGMA cell_size_check = ON")
    if readonly:
        connection.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(connection, "setconfig", None)
    if setconfig is not None:
        setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)


# The page size of a new library file (existing files keep theirs). A photo's
# original is stored as rows of 1 MiB (``original_store``), each a chain of
# overflow pages, and SQLite pays per page: a b-tree step, a log frame with its
# header and checksum, and write calls. At SQLite's default of 4 KiB, storing a
# camera JPEG cost twice what it costs at 32 KiB; 64 KiB would gain little more
# and make an empty library (over 60 tables and indexes, a page each at least)
# 4 MB and every small autosave write twice the log of 32 KiB.
PAGE_SIZE = 32_768
# Bytes of write-ahead log after which a commit checkpoints it into the file.
CHECKPOINT_BYTES = 16 * 1024 * 1024


def _configure_connection(dbapi_connection: sqlite3.Connection) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    # With WAL, NORMAL survives a killed process; only a power cut may lose
    # the last transaction, never corrupt the file.
    cursor.execute("PRAGMA synchronous = NORMAL")
    # Checkpoints (copying the log into the file, with two fsyncs) come after
    # 16 MiB of log rather than SQLite's 4 MiB: importing a shoot, where each
    # camera JPEG is a commit of 8 MB, would otherwise checkpoint after every
    # photo: 40% of the command-line import's time, profiled. Not more: the
    # checkpoints during an import wait on the disk while the next photos
    # decode, but the one at its end (and ``close``, which leaves no log
    # behind) is waited for alone, and 64 MiB of it cost a tenth of a
    # 24-photo import. SQLite counts the log in pages, whose size is the
    # file's own (``PAGE_SIZE`` for a new one).
    page_size = cursor.execute("PRAGMA page_size").fetchone()[0]
    cursor.execute(f"PRAGMA wal_autocheckpoint = {max(1, CHECKPOINT_BYTES // page_size)}")
    cursor.close()


def _connection_uri(path: Path, readonly: bool, creating: bool = False) -> str:
    # Connections are made from this URI rather than from a URL so that a
    # file name holding "?", "#" or "%" means that file, not a query string;
    # and an existing library is opened without "c", so a file that vanished
    # is an error rather than silently replaced by an empty database.
    return _readonly_uri(path) if readonly else f"{path.resolve().as_uri()}?mode={'rwc' if creating else 'rw'}"


def _make_engine(path: Path, readonly: bool, creating: bool = False) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    uri = _connection_uri(path, readonly, creating)

    def connect() -> sqlite3.Connection:
        # Workers (import, export, search) use the library from other threads.
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    # The URL names no file, so the pool is chosen here (not the in-memory one).
    def configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        _configure_connection(dbapi_connection)
        _harden(dbapi_connection, readonly)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", configure)
    return engine


def reader_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection of its own to the library file ``path``, set up as the engine's readers are.

    For reading on another thread beside the library's own connections
    (``workstation check`` reads every page beside its other work); the
    caller closes it.
    """
    connection = sqlite3.connect(_readonly_uri(path), uri=True, check_same_thread=False, isolation_level=None)
    try:
        _configure_connection(connection)
        _harden(connection, readonly=True)
    except BaseException:
        connection.close()
        raise
    return connection


def _run_migrations(engine: Engine) -> None:
    with engine.begin() as connection:
        upgrade(connection, HEAD)


def backup_path(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.backup-schema{revision}-{stamp}{path.suffix or '.wslib'}")


def copy_library(source: Path, target: Path) -> None:
    """Copy a library consistently, even while it is open (SQLite backup API)."""
    with temporary_beside(target, "partial") as partial:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)


class Library:
    """An open library file: the engine, and sessions bound to it.

    A newsroom on a server is the subclass ``newsroom.Newsroom``, which has
    no file (``path`` and ``guard`` are None) and its own transactions.
    """

    def __init__(self, path: Path | None, engine: Engine | None, readonly: bool, user: str | None = None) -> None:
        self.path = path
        self._engine = engine
        self._sessions_made: sessionmaker[Session] | None = None
        # Two threads (the window and a worker) may both be first: only one engine may ever exist, as
        # a second one's connections, closed, would drop this process's SQLite locks on the file.
        self._making = threading.Lock()
        self.readonly = readonly
        self.guard = WalGuard(path) if path is not None else None
        self.user = default_user() if user is None else user
        # SQLite's own connection for ``reading`` and ``writing``, made at first use and kept until ``close``.
        self._plain: sqlite3.Connection | None = None
        self._plain_lock = threading.RLock()

    @property
    def engine(self) -> Engine:
        """The engine of a library file, made (and SQLAlchemy imported) at first use.

        ``open_library`` has already opened the file once with the same
        settings, so what could go wrong at open was said then; the app's
        window is on screen before anything needs the engine.
        """
        if self._engine is None:
            with self._making:
                if self._engine is None:
                    assert self.path is not None
                    self._engine = _make_engine(self.path, self.readonly)
        return self._engine

    @property
    def _sessions(self) -> sessionmaker[Session]:
        # The ORM is imported at the first session, not at open: the app's window needs only the engine to show.
        if self._sessions_made is None:
            engine = self.engine
            with self._making:
                if self._sessions_made is None:
                    from sqlalchemy import event
                    from sqlalchemy.orm import sessionmaker

                    from workstation.library.users import stamp_changes

                    made = sessionmaker(engine, expire_on_commit=False, info={"user": self._user})
                    event.listen(made, "before_flush", stamp_changes)
                    self._sessions_made = made
        return self._sessions_made

    @property
    def user(self) -> str:
        """Who works through this open library: what revisions, corrections and overrides record as ``by_user``.

        Every session carries it (``users.acting_user``); a newsroom also
        puts the name on its list of users, with its first write under it.
        """
        return self._user

    @user.setter
    def user(self, name: str) -> None:
        self._user = user_name(name)
        if self._sessions_made is not None:
            self._sessions_made.configure(info={"user": self._user})

    def list_user(self) -> None:
        """A library file keeps no list of users (a newsroom puts ``user`` on its list)."""

    @property
    def address(self) -> str:
        """Where the library is, as messages show it and the recent list keeps it: the file's path.

        A newsroom's is its URL without the password (``newsroom.shown``).
        """
        return str(self.path)

    @property
    def name(self) -> str:
        """The library's short name for a window title: the file's name without its suffix (a newsroom's: its database)."""
        return self.path.stem if self.path is not None else self.address

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole.

        Returning normally means the commit reached the library's log on
        disk: after it, ``WalGuard`` checks that the log was not unlinked
        under this process, and raises ``WalUnlinked`` (refusing every later
        transaction too) if it was. A commit the disk refused (full, failing)
        raises ``StorageFailed`` saying so in one line.
        """
        if self.readonly:
            raise LibraryError(f"{self.path}: opened read-only; changes cannot be saved")
        self.guard.refuse_if_tripped()
        from sqlalchemy.exc import DBAPIError

        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            problem = storage_problem(exc, self.path.parent)
            if problem is None:
                raise
            raise StorageFailed(f"{self.path}: the changes could not be saved ({problem})", problem) from None
        self.guard.check()

    def _plain_connection(self) -> sqlite3.Connection:
        if self._plain is None:
            assert self.path is not None
            # Autocommit mode: ``reading`` and ``writing`` say where each transaction begins and ends.
            connection = sqlite3.connect(
                _connection_uri(self.path, self.readonly), uri=True, check_same_thread=False, isolation_level=None
            )
            _configure_connection(connection)
            _harden(connection, self.readonly)
            self._plain = connection
        return self._plain

    @contextmanager
    def reading(self) -> Iterator[Plain]:
        """One read transaction in plain SQL (``library.plain``): one consistent snapshot, no SQLAlchemy."""
        with self._plain_lock:
            connection = self._plain_connection()
            try:
                connection.execute("BEGIN")
                try:
                    yield Plain(connection)
                finally:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
            except sqlite3.Error as exc:
                raise LibraryError(f"{self.path}: cannot be read ({_one_line(exc, self.path)})") from None

    @contextmanager
    def writing(self) -> Iterator[Plain]:
        """One write transaction in plain SQL, committed whole or rolled back whole (as ``transaction``)."""
        if self.readonly:
            raise LibraryError(f"{self.path}: opened read-only; changes cannot be saved")
        self.guard.refuse_if_tripped()
        with self._plain_lock:
            connection = self._plain_connection()
            try:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield Plain(connection)
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            except sqlite3.Error as exc:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                problem = storage_problem(exc, self.path.parent)
                if problem is None:
                    raise LibraryError(f"{self.path}: {_one_line(exc, self.path)}") from None
                raise StorageFailed(f"{self.path}: the changes could not be saved ({problem})", problem) from None
        self.guard.check()

    def close(self) -> None:
        """Close, leaving no ``-wal`` with content behind: the journal is checkpointed into the file first.

        SQLite does that by itself only when the last connection of any
        process closes; a reader elsewhere (a ``check``, a second window)
        would otherwise keep acknowledged changes outside the file.
        """
        if self._plain is not None:
            if not self.readonly:
                try:
                    self._plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass
            self._plain.close()
            self._plain = None
        if self._engine is None:
            return  # no ORM connection was ever opened
        from sqlalchemy.exc import DBAPIError

        if not self.readonly:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except DBAPIError:
                pass
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@contextmanager
def building_library(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to build a library under, renamed into place on success.

    An interrupted or failed build leaves nothing that looks like a library,
    nor any hidden work file once it ends (see ``temporary_files``), and an
    existing file is never replaced.
    """
    path = Path(path)
    if path.exists():
        raise LibraryError(f"{path}: a file with that name already exists; choose another name")
    if not path.parent.is_dir():
        raise LibraryError(f"{path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise LibraryError(f"{path}: cannot create a file in {path.parent} ({os.strerror(errno.EACCES)})")
    with temporary_beside(path, "creating") as temp:
        yield temp
        if path.exists():
            raise LibraryError(f"{path}: a file with that name appeared meanwhile; choose another name")
        os.replace(temp, path)


def create_library(path: Path) -> Library:
    """Create a new, empty library; the file appears only once it is complete."""
    from sqlalchemy.exc import DBAPIError

    path = Path(path)
    with building_library(path) as temp:
        try:
            engine = _make_engine(temp, readonly=False, creating=True)
            try:
                with engine.begin() as connection:
                    # Only possible before the first write: the page size is fixed once page 1 exists.
                    connection.exec_driver_sql(f"PRAGMA page_size = {PAGE_SIZE}")
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                _run_migrations(engine)
            finally:
                engine.dispose()
        except (OSError, DBAPIError) as exc:
            raise LibraryError(f"{path}: the library could not be created ({_one_line(exc, path)})") from None
    return open_library(path)


def newsroom_address(given: str) -> str:
    """A newsroom's URL from what someone typed: a ``postgresql://`` URL as given, else a service's name.

    A service is a section of the PostgreSQL service file (``pg_service.conf``),
    which holds the host, user and database. What cannot be either is refused
    without repeating it (it may hold a password).
    """
    given = given.strip()
    if is_newsroom_url(given):
        return given
    if given and all(c.isalnum() or c in "-_." for c in given):
        return f"postgresql://?service={given}"
    raise LibraryError("not a newsroom's address: give a postgresql://USER@HOST/DATABASE URL or a service's name")


def open_library(path: Path | str, *, create: bool = False, readonly: bool = False, user: str | None = None) -> Library:
    """Open (or with ``create``, make) the library at ``path``, or the newsroom a ``postgresql://`` URL names.

    Raises ``LibraryError`` with one clear line when the file cannot be
    used; in that case the file has not been written to. ``user`` is who
    works through it (``Library.user``; by default ``users.default_user()``). A newsroom is
    opened by ``newsroom.open_newsroom`` (imported only then: a file never
    pays for the PostgreSQL driver); everything below is about files.
    """
    if is_newsroom_url(path):
        from workstation.library.newsroom import init_newsroom, open_newsroom

        if create:
            init_newsroom(str(path))
        return open_newsroom(str(path), readonly=readonly, user=user)
    path = Path(path)
    if create and not path.exists():
        library = create_library(path)
        if user is not None:
            library.user = user
        return library
    state = inspect_file(path)
    if not readonly:
        check_writable(path)
    if state.revision != HEAD and readonly:
        raise LibraryError(f"{path}: made by an older Workstation; open it once for editing to upgrade it")
    if state.revision != HEAD:
        _upgrade(path)
    # The file is opened here once, with the engine's settings but without
    # SQLAlchemy (the engine is made at first use), so that what only shows
    # when SQLite sets up its WAL index (a full disk) is said now, in one line.
    try:
        connection = sqlite3.connect(_connection_uri(path, readonly), uri=True)
        try:
            _configure_connection(connection)
            _harden(connection, readonly)
            connection.execute("PRAGMA schema_version" if readonly else "PRAGMA journal_mode = WAL").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        purpose = "reading" if readonly else "writing"
        raise LibraryError(f"{path}: cannot be opened for {purpose} ({_one_line(exc, path)})") from None
    return Library(path, None, readonly, user)


def _one_line(error: BaseException, path: Path) -> str:
    """A failure as one short line: the storage problem if it is one, else the driver's own first line."""
    problem = storage_problem(error, path.parent)
    if problem is not None:
        return problem
    lines = str(driver_error(error)).strip().splitlines()
    return lines[0] if lines else type(error).__name__


@contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    """The library's write lock for the length of the block: this process's own if it holds it already."""
    if held_here(path):
        yield
        return
    lock = LibraryLock(path)
    if not lock.acquire():
        raise LibraryLocked(
            f"{path}: open in another Workstation ({lock.holder() or 'unknown'}); close it first to upgrade the library"
        )
    try:
        yield
    finally:
        lock.release()


def _upgrade(path: Path) -> None:
    """Migrate an older library to HEAD, under its write lock; the original is untouched unless it succeeds.

    The migration runs on a byte copy, which replaces the original only when
    it is complete and on disk (the open that follows switches it back to
    WAL), so a failure (a full disk, a kill) leaves the original byte for
    byte as it was. A successful upgrade keeps a backup copy of the old file
    beside it; a failed one removes it again, as the original itself is
    still there.
    """
    with _write_lock(path):
        # Another process may have upgraded the file since it was inspected.
        state = inspect_file(path)
        if state.revision == HEAD:
            return
        backup = backup_path(path, state.revision)
        try:
            _checkpoint(path)
            copy_bytes(path, backup)
        except (OSError, sqlite3.Error) as exc:
            problem = _one_line(exc, path)
            raise LibraryError(f"{path}: could not write the backup copy before upgrading ({problem})") from None
        try:
            with temporary_beside(path, "upgrading") as work:
                shutil.copyfile(path, work)
                engine = _make_engine(work, readonly=False)
                try:
                    # A rollback journal, not WAL, on the private copy: once
                    # migrated, the file alone holds everything, with no WAL
                    # left to checkpoint before it may replace the original.
                    with engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA journal_mode = DELETE")
                    _run_migrations(engine)
                finally:
                    engine.dispose()
                sync_file(work)
                os.replace(work, path)
            sync_folder(path.parent)
        except Exception as exc:
            backup.unlink(missing_ok=True)
            problem = _one_line(exc, path)
            raise LibraryError(f"{path}: upgrading the library failed ({problem}); the original is unchanged") from None


def _checkpoint(path: Path) -> None:
    """Move changes still in the ``-wal`` file into the library file itself, and empty the WAL.

    The upgraded copy replaces the file by name, and a stale WAL beside it
    would then be applied to the wrong file; with the WAL empty the main
    file alone is the whole library. Only done when the WAL holds something.
    """
    if not _has_content(_side_file(path, "-wal")):
        return
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    try:
        busy, _frames, _moved = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy or _has_content(_side_file(path, "-wal")):
        raise LibraryError(f"{path}: another program is reading the library; close it, then open the library again")


def check_writable(path: Path) -> None:
    """Refuse before writing: WAL needs the file and its folder (for ``-wal``/``-shm``) writable."""
    if not os.access(path, os.W_OK):
        raise LibraryError(f"{path}: the file is read-only; make it writable, or open it read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise LibraryError(f"{path}: its folder {path.parent} is read-only; move the library somewhere writable")


@contextmanager
def open_locked(path: Path) -> Iterator[Library]:
    """An existing library file opened for writing under its write lock, closed and unlocked afterwards.

    How a command (or a take-out) writes to a file the app may have open:
    the file is judged and its write lock taken before it is opened, and
    one held by another Workstation is refused in one line, naming who.
    """
    path = Path(path)
    inspect_file(path)
    check_writable(path)
    with LibraryLock(path) as lock:
        if not lock.held:
            holder = printable(lock.holder()) or "holder unknown"
            raise LibraryLocked(f"{printable_path(path)}: open in another Workstation ({holder}); close it first")
        with open_library(path) as library:
            yield library
