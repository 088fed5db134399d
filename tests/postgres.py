"""A throwaway PostgreSQL server for the tests: a cluster of its own in a temporary folder.

The server listens only on a Unix socket inside that folder (no TCP port, so
other programs on the machine never meet it), runs without fsync (nothing in
it outlives the test session), and is stopped and removed afterwards.
PostgreSQL refuses to run as root, so under root (a container, CI) it runs
as ``nobody``, who owns the folder.

One test session has one cluster, whatever its number of xdist workers:
``shared_folder()`` names an empty folder (made by the session's controlling
process before the workers start), the first worker to need the server
starts it there under a file lock (``Server.shared``), the others find it
running, and the controlling process stops it at the end (``stop_shared``).
Each worker's databases carry its process id in their names.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import psycopg

SUPERUSER = "workstation"
UNPRIVILEGED = "nobody"
SERVER_SETTINGS = (
    "listen_addresses=",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=100",
    "shared_buffers=16MB",
    "autovacuum=off",
)


def server_program(name: str) -> str | None:
    """``initdb`` or ``pg_ctl`` from PATH, else from Debian's versioned folder (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version, reverse=True)
    return candidates[0] if candidates else None


def _version(path: str) -> int:
    part = Path(path).parents[1].name
    return int(part) if part.isdigit() else 0


# The environment variable naming the session's cluster folder, set by the controlling process for its workers.
SHARED_FOLDER_VARIABLE = "WORKSTATION_TEST_POSTGRES"
READY = "ready"
LOCK = "lock"


def _server_folder() -> Path:
    """A new temporary folder the server's account may write in."""
    folder = Path(tempfile.mkdtemp(prefix="ws-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(UNPRIVILEGED)
        os.chown(folder, account.pw_uid, account.pw_gid)
    return folder


def make_shared_folder() -> Path:
    """The session's cluster folder, empty until a worker needs the server; named in the environment for the workers."""
    folder = _server_folder()
    os.environ[SHARED_FOLDER_VARIABLE] = str(folder)
    return folder


def shared_folder() -> Path | None:
    value = os.environ.get(SHARED_FOLDER_VARIABLE)
    return Path(value) if value else None


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Held by one test process at a time (an exclusive ``flock`` on a file in ``folder``)."""
    with open(folder / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def stop_shared(folder: Path) -> None:
    """Stop the session's cluster if a worker started it, and remove its folder."""
    if (folder / READY).exists():
        Server(folder=folder, start=False).stop()
    shutil.rmtree(folder, ignore_errors=True)


class Server:
    """A running cluster; ``url(database)`` names a database in it."""

    def __init__(
        self, settings: Sequence[str] = SERVER_SETTINGS, *, folder: Path | None = None, start: bool = True
    ) -> None:
        """Start a cluster with ``settings`` (``name=value`` each; the tests' own by default) in ``folder``
        (a new temporary one by default); with ``start`` false, the one already running there."""
        initdb, self._pg_ctl = server_program("initdb"), server_program("pg_ctl")
        if initdb is None or self._pg_ctl is None:
            raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed (packaging/setup.sh --test)")
        self.folder = folder if folder is not None else _server_folder()
        self._as_user = ["runuser", "-u", UNPRIVILEGED, "--"] if os.geteuid() == 0 else []
        self._names = itertools.count(1)
        if not start:
            return
        data = self.folder / "data"
        self._run(initdb, "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync", "--no-instructions")
        options = " ".join(f"-c {setting}" for setting in settings) + f" -k {self.folder}"
        self._run(self._pg_ctl, "-D", data, "-l", self.folder / "server.log", "-w", "-s", "-o", options, "start")

    @classmethod
    def shared(cls, folder: Path) -> Server:
        """The session's cluster in ``folder``: started here if no other worker has started it yet."""
        with locked(folder):
            if (folder / READY).exists():
                return cls(folder=folder, start=False)
            server = cls(folder=folder)
            (folder / READY).touch()
            return server

    def _run(self, *command: str | Path) -> None:
        subprocess.run([*self._as_user, *map(str, command)], check=True, capture_output=True, cwd="/", timeout=120)

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.folder), user=SUPERUSER, dbname="postgres", autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (a copy of ``template`` if given); returns its name."""
        name = f"ws_{os.getpid()}_{next(self._names)}"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def made_once(self, name: str, fill: Callable[[str], None]) -> str:
        """Database ``name``, made and filled by ``fill(url)`` in the first test process that asks; the others wait."""
        with locked(self.folder):
            with self.admin() as connection:
                if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                    return name
                connection.execute(f'CREATE DATABASE "{name}"')
            try:
                fill(self.url(name))
            except BaseException:
                self.drop_database(name)
                raise
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run(self._pg_ctl, "-D", self.folder / "data", "-m", "immediate", "-s", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
