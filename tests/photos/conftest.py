"""Images made with Pillow and tagged with ExifTool, as photo desks receive them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import encode, picture, read_tags, run_exiftool


@pytest.fixture(autouse=True)
def _needs_exiftool() -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed (apt-get install libimage-exiftool-perl)")


@pytest.fixture
def tagged_jpeg(tmp_path: Path) -> Callable[..., bytes]:
    """A JPEG written by Pillow and tagged by ExifTool with the given arguments."""
    counter = iter(range(1_000_000))

    def make(*arguments: str, size: tuple[int, int] = (320, 240)) -> bytes:
        path = tmp_path / f"tagged-{next(counter)}.jpg"
        path.write_bytes(encode(picture(size)))
        if arguments:
            run_exiftool(path, *arguments)
        return path.read_bytes()

    return make


@pytest.fixture
def tags(tmp_path: Path) -> Callable[[bytes], dict[str, Any]]:
    return lambda data: read_tags(data, tmp_path)
