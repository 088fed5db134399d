"""The PyInstaller bundle, built for real: it starts, makes the demo library, exports it,
and imports photos through the photo desk (whose import runs in a child process of the
frozen program, so it proves multiprocessing works without a Python installed).

Slow (minutes, and about a gigabyte of disk while building), so it is
deselected by default; run it with ``pytest -m packaging tests/packaging``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from packaging_support import PACKAGING, require_tool
from PIL import Image

import workstation

# Building the bundle alone takes minutes: far past the suite's per-test timeout (pyproject).
pytestmark = [pytest.mark.packaging, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, PYTHON=sys.executable, DIST=str(work / "dist"), BUILD=str(work / "build"))
    result = subprocess.run(["bash", str(PACKAGING / "build.sh")], capture_output=True, text=True, env=env,
                            check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "dist" / "workstation"


def user_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: no Python paths, its own home, headless."""
    return {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    }


def run_bundled(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the bundled program as a user would."""
    return subprocess.run([str(bundle / "workstation"), *args], capture_output=True, text=True,
                          env=user_env(tmp_path), cwd=tmp_path, timeout=600, check=False)


@contextmanager
def x_display() -> Iterator[str]:
    """A private Xvfb display; Xvfb picks a free number and writes it to the pipe."""
    xvfb = require_tool("Xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def open_import_dialog(display: str, pid: int) -> str:
    """Press File > Import photos…'s shortcut until its dialog shows; returns the dialog's window.

    Qt re-creates the main window (a new X window) when the preview's OpenGL
    surface arrives, a moment after it is first shown, and without a window
    manager nothing focuses the new one: a key sent before then is lost, so
    the window is looked up and focused afresh on each try, as a user would
    click it and press the keys again.
    """
    deadline = time.monotonic() + 90
    while True:
        tried = subprocess.run(
            f"w=$(xdotool search --onlyvisible --pid {pid} --name Workstation | head -1) && "
            'xdotool windowfocus --sync "$w" && xdotool key ctrl+shift+i',
            shell=True, capture_output=True, text=True, env=dict(os.environ, DISPLAY=display), timeout=60,
        )
        time.sleep(2)
        found = subprocess.run([require_tool("xdotool"), "search", "--onlyvisible", "--name", "Import photos"],
                               capture_output=True, text=True, env=dict(os.environ, DISPLAY=display), timeout=60)
        if (tried.returncode == 0 and found.stdout.strip()) or time.monotonic() > deadline:
            return xdotool(display, "search", "--sync", "--onlyvisible", "--name", "Import photos")


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run([require_tool("xdotool"), *args], capture_output=True, text=True,
                            env=dict(os.environ, DISPLAY=display), timeout=60, check=True)
    return result.stdout.strip()


def jpeg_with_caption(path: Path, caption: str, colour: tuple[int, int, int]) -> None:
    exif = Image.Exif()
    exif[0x010E] = caption  # ImageDescription: the EXIF fallback the import reads captions from
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", exif=exif.tobytes())


def captions_in(library: Path) -> set[str]:
    with sqlite3.connect(f"file:{library}?mode=ro", uri=True) as connection:
        return {row[0] for row in connection.execute("SELECT caption FROM photos")}


def test_build_makes_an_archive_of_the_bundle(bundle: Path) -> None:
    archives = list(bundle.parent.glob(f"workstation-{workstation.__version__}-linux-*.tar.gz"))
    assert len(archives) == 1 and archives[0].stat().st_size > 0


def test_bundle_carries_licences_and_desktop_files(bundle: Path) -> None:
    assert (bundle / "licenses" / "LGPL-3.0.txt").is_file()
    assert (bundle / "THIRD-PARTY.md").is_file()
    assert (bundle / "install-desktop.sh").is_file()
    assert (bundle / "desktop" / "workstation.desktop").is_file()


def test_bundle_keeps_qt_as_separate_replaceable_libraries(bundle: Path) -> None:
    assert list(bundle.rglob("libQt6Core.so*")) and list(bundle.rglob("libQt6WebEngineCore.so*"))
    assert list(bundle.rglob("QtWebEngineProcess"))


def test_bundled_program_reports_its_version(bundle: Path, tmp_path: Path) -> None:
    result = run_bundled(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Workstation {workstation.__version__}"


def test_bundled_program_exports_the_demo_library(bundle: Path, tmp_path: Path) -> None:
    library, site = tmp_path / "demo.wslib", tmp_path / "site"
    made = run_bundled(bundle, tmp_path, "demo", str(library))
    assert made.returncode == 0, made.stderr
    exported = run_bundled(bundle, tmp_path, "export", str(library), str(site))
    assert exported.returncode == 0, exported.stderr
    assert (site / "index.html").is_file()
    assert "The night train is back" in (site / "index.html").read_text(encoding="utf-8")
    assert list(site.rglob("*.jpg"))


def test_photos_imported_through_the_bundled_photo_desk_land_with_their_captions(bundle: Path, tmp_path: Path) -> None:
    shoot = tmp_path / "shoot"
    shoot.mkdir()
    captions = {"frame-1.jpg": "Ferry at the landing stage", "frame-2.jpg": "Crew casting off at dawn"}
    for (name, caption), colour in zip(captions.items(), [(200, 60, 40), (40, 90, 200)]):
        jpeg_with_caption(shoot / name, caption, colour)
    library = tmp_path / "desk.wslib"
    assert run_bundled(bundle, tmp_path, "demo", str(library)).returncode == 0
    with x_display() as display:
        env = dict(user_env(tmp_path), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        log = tmp_path / "app.log"
        with log.open("w") as stderr:
            # Started in the shoot's folder: a first file dialog opens there, so only names are typed.
            app = subprocess.Popen([str(bundle / "workstation"), str(library)], env=env, cwd=shoot,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            xdotool(display, "search", "--sync", "--onlyvisible", "--pid", str(app.pid), "--name", "Workstation")
            dialog = open_import_dialog(display, app.pid)
            # The import dialog: Return chooses files; the file chooser takes the names; Return imports.
            xdotool(display, "windowfocus", "--sync", dialog.splitlines()[0])
            xdotool(display, "key", "Return")
            chooser = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "Choose photos to import")
            xdotool(display, "windowfocus", "--sync", chooser.splitlines()[0])
            xdotool(display, "type", "--delay", "20", " ".join(f'"{name}"' for name in captions))
            xdotool(display, "key", "Return")
            time.sleep(2)
            xdotool(display, "windowfocus", "--sync", dialog.splitlines()[0])
            xdotool(display, "key", "Return")
            deadline = time.monotonic() + 120
            while not set(captions.values()) <= captions_in(library) and time.monotonic() < deadline:
                assert app.poll() is None, log.read_text()[-3000:]
                time.sleep(0.5)
            # Qt may have re-created the window meanwhile (a new X id): look it up again.
            window = xdotool(display, "search", "--sync", "--onlyvisible", "--pid", str(app.pid), "--name", "Workstation")
            xdotool(display, "windowfocus", "--sync", window.splitlines()[0])
            xdotool(display, "key", "ctrl+q")
            app.wait(timeout=60)
        finally:
            if app.poll() is None:
                app.terminate()
                app.wait(timeout=30)
    assert set(captions.values()) <= captions_in(library)
