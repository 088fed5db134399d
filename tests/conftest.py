"""Shared test set-up: offscreen Qt, and fresh real library files on disk."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import hashlib
from pathlib import Path

import pytest

from workstation.library.database import Library, open_library

FIXTURE_PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "photos"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A new, empty library file in a temporary folder."""
    lib = open_library(tmp_path / "test.wslib", create=True)
    yield lib
    lib.close()


@pytest.fixture
def fixture_photos() -> Path:
    if not FIXTURE_PHOTOS.is_dir():
        pytest.skip("shared/fixtures/photos is not beside this checkout")
    return FIXTURE_PHOTOS


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
