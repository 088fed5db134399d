"""``workstation import`` as a user runs it: the lock first, one line per refusal, bounded on hostile files, Ctrl-C."""

from __future__ import annotations

import io
import os
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.cli.conftest import ROOT, run_cli
from tests.command_line import workstation
from tests.library.conftest import file_digest, jpeg_bytes
from workstation.library.database import create_library

HOLDER = """
import sys
from pathlib import Path
from workstation.library.database import open_library
from workstation.library.lock import LibraryLock
from workstation.library.models import Setting

path = Path(sys.argv[1])
lock = LibraryLock(path)
assert lock.acquire()
library = open_library(path)

def commit(key):
    with library.transaction() as session:
        session.add(Setting(key=key, value="acknowledged"))

commit("holder-1")
# The app reads the file's header now and then (a drag, a file dialog): closing
# that descriptor drops every SQLite lock this process holds (issue 10).
path.open("rb").read(100)
print("ready", flush=True)
sys.stdin.readline()
commit("holder-2")
print("committed", flush=True)
sys.stdin.readline()
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def story(slug: str) -> str:
    return f"---\ntitle: Story {slug}\nslug: {slug}\n---\nBody of {slug}.\n"


def rows(library: Path, statement: str) -> list[tuple]:
    connection = sqlite3.connect(f"{library.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(statement).fetchall()
    finally:
        connection.close()


def test_a_refused_import_never_opens_the_library_so_the_holders_writes_survive(tmp_path: Path) -> None:
    library = tmp_path / "lib.wslib"
    create_library(library).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = workstation("import", library, write(tmp_path / "a.md", story("a")))
        assert result.returncode == 2
        assert result.stderr == (
            f"workstation: {library}: open in another Workstation (pid {holder.pid} on {socket.gethostname()}); "
            "close it first\n"
        )
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "committed"
        descriptors = [os.readlink(f"/proc/{holder.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{holder.pid}/fd")]
        assert f"{library}-wal" in descriptors and f"{library}-wal (deleted)" not in descriptors
    finally:
        holder.kill()
        holder.wait()
    assert rows(library, "SELECT key FROM settings WHERE key LIKE 'holder-%' ORDER BY key") == [
        ("holder-1",), ("holder-2",)]


def test_a_library_in_a_folder_that_does_not_exist_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    library = tmp_path / "nowhere" / "lib.wslib"
    result = workstation("import", library, write(tmp_path / "a.md", story("a")))
    assert result.returncode == 2
    assert result.stderr == f"workstation: {library}: the folder {library.parent} does not exist\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_library_refused_while_the_photos_decode_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    library = tmp_path / "nowhere" / "lib.wslib"
    (tmp_path / "card").mkdir()
    for index in range(8):
        (tmp_path / "card" / f"{index}.jpg").write_bytes(jpeg_bytes(800, 600, seed=index))
    result = workstation("import", library, tmp_path / "card")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"workstation: {library}: the folder {library.parent} does not exist\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card"]


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_a_fifo_or_a_device_named_like_markdown_is_refused_in_one_line(tmp_path: Path, make: str) -> None:
    folder = tmp_path / "in"
    write(folder / "good.md", story("good"))
    hostile = tmp_path / "x.md"
    if make == "fifo":
        os.mkfifo(hostile)
    else:
        hostile.symlink_to("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "workstation", "import", str(tmp_path / "lib.wslib"), str(folder), str(hostile)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    kind = "a named pipe (FIFO)" if make == "fifo" else "a device"
    assert line == f"workstation: refused {hostile}: {kind}, not a regular file; only regular files are imported"
    assert "1 new" in result.stdout


def test_a_batch_refused_whole_leaves_the_library_byte_for_byte(tmp_path: Path) -> None:
    library = tmp_path / "lib.wslib"
    create_library(library).close()
    digest = file_digest(library)
    os.mkfifo(tmp_path / "x.jpg")
    (tmp_path / "strip.png").write_bytes(_png(1, 70_000))
    result = workstation("import", library, tmp_path / "x.jpg", tmp_path / "strip.png")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 2
    assert "strip.png: the picture's shape cannot be published (1×70000;" in result.stderr
    assert file_digest(library) == digest


def test_a_slug_collision_is_one_line_naming_both_files(tmp_path: Path) -> None:
    first = write(tmp_path / "in" / "a" / "2024-01-01-kyiv.md", "---\ntitle: One\n---\n")
    second = write(tmp_path / "in" / "b" / "2024-01-01-kyiv.md", "---\ntitle: Two\n---\n")
    result = workstation("import", tmp_path / "lib.wslib", tmp_path / "in")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"workstation: refused {second}: its slug 'kyiv' is also that of {first} in this import; "
        "give one of them its own 'slug:' (or import them separately)"
    ]


def test_pillow_warnings_never_reach_stderr(tmp_path: Path) -> None:
    tiff = b"II*\x00" + struct.pack("<IHHHII", 8, 1, 0x010E, 2, 1000, 26) + struct.pack("<I", 0)
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 10, 10)).save(out, "JPEG", exif=b"Exif\x00\x00" + tiff)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken-exif.jpg").write_bytes(out.getvalue())
    # 90 megapixels: above Pillow's bomb warning, within the import's limit of 100.
    Image.new("1", (9_500, 9_500)).save(tmp_path / "in" / "big.png")
    result = run_cli("import", tmp_path / "lib.wslib", tmp_path / "in")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].endswith("2 photos")


def test_a_file_name_that_is_not_utf8_is_shown_readably(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"notes\xff\n.txt")
    with open(name, "wb") as handle:
        handle.write(b"hello")
    result = workstation("import", tmp_path / "lib.wslib", os.fsdecode(name))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"workstation: refused {tmp_path}/notes\\xff\\n.txt: not a Markdown file (.md) or an image (JPEG, PNG, WebP, GIF, TIFF)"
    ]


def test_ctrl_c_says_how_much_of_the_batch_landed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for index in range(8):
        (folder / "photos").mkdir(parents=True, exist_ok=True)
        (folder / "photos" / f"{index}.jpg").write_bytes(jpeg_bytes(800, 600, seed=index))
    for index in range(400):
        write(folder / f"{index:03d}.md", story(f"story-{index}"))
    library = tmp_path / "lib.wslib"
    create_library(library).close()
    process = subprocess.Popen(
        [sys.executable, "-m", "workstation", "import", str(library), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while rows(library, "SELECT count(*) FROM articles") < [(3,)]:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    [line] = stderr.splitlines()
    landed = rows(library, "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM photos)")[0][0]
    assert line == f"workstation: interrupted: {landed} of 408 files imported; nothing half-written"
    assert landed < 408 and "Traceback" not in stdout + stderr


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 128).save(out, "PNG")
    return out.getvalue()
