"""A throwaway PostgreSQL server for the tests: a cluster of its own in a temporary folder.

The server listens only on a Unix socket inside that folder (no TCP port, so
parallel workers and other programs on the machine never meet it), runs
without fsync (nothing in it outlives the test session), and is stopped and
removed afterwards. PostgreSQL refuses to run as root, so under root (a
container, CI) it runs as ``nobody``, who owns the folder.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import psycopg

SUPERUSER = "workstation"
UNPRIVILEGED = "nobody"
SERVER_SETTINGS = (
    "listen_addresses=",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=60",
    "shared_buffers=16MB",
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


class Server:
    """A running cluster; ``url(database)`` names a database in it."""

    def __init__(self, settings: Sequence[str] = SERVER_SETTINGS) -> None:
        """Start a cluster with ``settings`` (``name=value`` each; the tests' own by default)."""
        initdb, self._pg_ctl = server_program("initdb"), server_program("pg_ctl")
        if initdb is None or self._pg_ctl is None:
            raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed (packaging/setup.sh --test)")
        self.folder = Path(tempfile.mkdtemp(prefix="ws-pg-"))
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam(UNPRIVILEGED)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", UNPRIVILEGED, "--"]
        self._names = itertools.count(1)
        data = self.folder / "data"
        self._run(initdb, "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync", "--no-instructions")
        options = " ".join(f"-c {setting}" for setting in settings) + f" -k {self.folder}"
        self._run(self._pg_ctl, "-D", data, "-l", self.folder / "server.log", "-w", "-s", "-o", options, "start")

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

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run(self._pg_ctl, "-D", self.folder / "data", "-m", "immediate", "-s", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
