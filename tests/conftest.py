"""Shared test set-up: offscreen Qt, and fresh real library files on disk."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import hashlib
import shutil
from pathlib import Path

import pytest

from workstation.library.cache_policy import ensure_library_id
from workstation.library.database import Library, open_library

FIXTURE_PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "photos"


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty library at the head schema, migrated once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.wslib"
    with open_library(path, create=True) as library, library.transaction() as session:
        # Copies share the id, so they share one renditions cache (keyed by content, so safe).
        ensure_library_id(session)
    return path


@pytest.fixture
def new_library_file(template_library: Path, tmp_path: Path):
    """Make a fresh, empty library file (a copy of the template) at a path; returns the path."""

    def make(path: Path | None = None) -> Path:
        target = Path(path) if path is not None else tmp_path / "test.wslib"
        shutil.copyfile(template_library, target)
        return target

    return make


@pytest.fixture
def library(new_library_file) -> Library:
    """A new, empty library file in a temporary folder."""
    lib = open_library(new_library_file())
    yield lib
    lib.close()


@pytest.fixture
def fixture_photos() -> Path:
    if not FIXTURE_PHOTOS.is_dir():
        pytest.skip("shared/fixtures/photos is not beside this checkout")
    return FIXTURE_PHOTOS


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
