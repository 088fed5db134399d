"""A library file's engine is made at first use (the app's window shows before SQLAlchemy is imported), and only once."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from workstation.library.database import Library, open_library

CHILD = """
import sys
from workstation.library.database import open_library
library = open_library(sys.argv[1])
print("sqlalchemy" in sys.modules, flush=True)
with library.session() as session:
    session.connection()
print("sqlalchemy.orm" in sys.modules, flush=True)
library.close()
"""


def test_opening_a_library_imports_no_sqlalchemy_until_it_is_used(library: Library) -> None:
    path = library.path
    library.close()
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "True"]


def test_threads_using_a_library_first_at_once_share_one_engine(library: Library) -> None:
    path: Path = library.path
    library.close()
    opened = open_library(path)
    start = threading.Barrier(4)
    engines = []

    def first_use() -> None:
        start.wait()
        engines.append(opened.engine)

    threads = [threading.Thread(target=first_use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    opened.close()
    assert len(engines) == 4 and all(engine is engines[0] for engine in engines)


def test_a_library_closed_unused_can_be_opened_and_used_again(library: Library) -> None:
    path = library.path
    library.close()
    open_library(path).close()
    again = open_library(path)
    with again.session() as session:
        assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    again.close()
