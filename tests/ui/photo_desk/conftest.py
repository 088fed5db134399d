"""Real JPEGs made by Pillow and tagged by exiftool, and a photo desk on a fresh library."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.exiftool import exiftool as run_exiftool
from workstation.library.database import Library
from workstation.ui.photo_desk import PhotoDesk
from workstation.workers.render_process import stop_helper

ImageMaker = Callable[..., Path]


def exiftool(*args: str) -> str:
    return run_exiftool(*args).stdout


def read_tags(path: Path, *tags: str) -> dict[str, object]:
    """What exiftool reads back from ``path`` (group-qualified names)."""
    output = exiftool(
        "-json", "-G1", "-charset", "iptc=UTF8", *(f"-{tag}" for tag in tags), str(path)
    )
    found = json.loads(output)[0]
    found.pop("SourceFile", None)
    return found


@pytest.fixture
def make_image(tmp_path: Path) -> ImageMaker:
    """``make_image(name, {"IPTC:Credit": "AFP"}, size=...)``: a JPEG made by Pillow, tagged by exiftool."""
    counter = iter(range(1, 10_000))

    def make(
        name: str,
        tags: dict[str, str] | None = None,
        size: tuple[int, int] = (640, 427),
    ) -> Path:
        n = next(counter)
        path = tmp_path / "shoot" / name
        path.parent.mkdir(exist_ok=True)
        image = Image.new("RGB", size, (40 + n * 37 % 200, 90, 140 + n * 53 % 100))
        draw = ImageDraw.Draw(image)
        draw.ellipse(
            (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2),
            fill=(230, 200, 40),
        )
        draw.text((10, 10), f"{name} {n}", fill="white")
        image.save(path, "JPEG", quality=85)
        if tags:
            arguments = [f"-{key}={value}" for key, value in tags.items()]
            exiftool(
                "-overwrite_original",
                "-charset",
                "iptc=UTF8",
                "-IPTC:CodedCharacterSet=UTF8",
                *arguments,
                str(path),
            )
        return path

    return make


@pytest.fixture(autouse=True, scope="session")
def render_helper_ended_at_the_end() -> None:
    """The render helper serves every desk of the session and is ended with it, as quitting the app ends it."""
    yield
    stop_helper()


@pytest.fixture
def desk(qtbot, library: Library) -> PhotoDesk:
    widget = PhotoDesk(library)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    yield widget
    widget.shutdown()


@pytest.fixture
def run_import(qtbot, desk: PhotoDesk) -> Callable[[list[Path]], object]:
    """Import ``paths`` through the desk's worker and wait for its report."""

    def run(paths: list[Path]) -> object:
        with qtbot.waitSignal(desk.import_finished, timeout=30_000) as blocker:
            desk.import_paths(paths)
        return blocker.args[0]

    return run


@pytest.fixture
def store(library: Library, make_image: ImageMaker) -> Callable[..., int]:
    """Put a tagged image straight into the library (set-up for desk tests); returns its id."""
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_file

    def put(
        name: str,
        tags: dict[str, str] | None = None,
        size: tuple[int, int] = (640, 427),
    ) -> int:
        image = ingest_file(make_image(name, tags, size))
        with library.transaction() as session:
            photo, _new = add_photo(session, image)
            return photo.id

    return put
