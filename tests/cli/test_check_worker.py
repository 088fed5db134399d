"""``workstation check`` hands the photo originals to a forked worker, forked before the file is opened.

Hashing every original is Python work that would otherwise share this
process's interpreter lock with preflight; the worker does it on the other
core and hands back the same verdicts (``original_verdicts.damaged_in_file``).
A process that may not fork (another thread running) checks them itself.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli
from tests.library.conftest import sql, stored_photo
from workstation.library.database import open_library
from workstation.library.original_verdicts import CHECKSUM_MISMATCH, MISSING
from workstation.publish.check_originals import originals_beside

FROM_A_WORKER = """
import sys
from concurrent.futures import Future
from pathlib import Path
from workstation.publish.check_originals import originals_beside
with originals_beside(Path(sys.argv[1])) as originals:
    assert isinstance(originals, Future), originals
    print(originals.result())
"""


@pytest.fixture
def path(new_library_file, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Three photos: photo 2's original changed, photo 3's gone."""
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.transaction() as session:
        session.add_all([stored_photo(pid) for pid in range(1, 4)])
    sql(path, "UPDATE photo_originals SET data = zeroblob(length(data)) WHERE photo_id = 2")
    sql(path, "DELETE FROM photo_originals WHERE photo_id = 3")
    return path


def test_a_single_threaded_process_gets_the_verdicts_from_a_forked_worker(path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", FROM_A_WORKER, str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{[(2, CHECKSUM_MISMATCH), (3, MISSING)]}\n"


def test_the_command_reports_what_the_worker_found(path: Path) -> None:
    result = run_cli("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "photo 2: the stored original is damaged (its checksum does not match); restore it from a backup",
        "photo 3: the original file is missing",
    ]


def test_a_process_running_another_thread_checks_the_originals_itself(path: Path) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with originals_beside(path) as originals:
            assert originals is None
    finally:
        release.set()
        other.join()


def test_no_worker_is_started_for_a_path_that_is_not_a_file(tmp_path: Path) -> None:
    with originals_beside(tmp_path / "no-such.wslib") as originals:
        assert originals is None
