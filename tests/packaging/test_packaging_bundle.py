"""The PyInstaller bundle, built for real: it starts, makes the demo library and exports it.

Slow (minutes, and about a gigabyte of disk while building), so it is
deselected by default; run it with ``pytest -m packaging tests/packaging``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import PACKAGING

import workstation

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, PYTHON=sys.executable, DIST=str(work / "dist"), BUILD=str(work / "build"))
    result = subprocess.run(["bash", str(PACKAGING / "build.sh")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "dist" / "workstation"


def run_bundled(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the bundled program as a user would: no Python paths, its own home, headless."""
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    }
    return subprocess.run([str(bundle / "workstation"), *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=600)


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
