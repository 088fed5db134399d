"""Fixtures for the library tests: files at old schema revisions, real images."""

from __future__ import annotations

import functools
import hashlib
import itertools
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from tests.exiftool import exiftool as run_exiftool
from workstation.library import database
from workstation.library.database import Library
from workstation.library.models import Article, Photo
from workstation.library.migrating import upgrade
from workstation.library.models import Photo, PhotoOriginal, PhotoThumbnail


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_library_at_revision(path: Path, revision: str) -> None:
    """Create a library file migrated only up to ``revision``, as an older build made it."""
    engine = database._make_engine(path, readonly=False, creating=True)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {database.APPLICATION_ID}")
    with engine.begin() as connection:
        upgrade(connection, revision)
    engine.dispose()


def stored_photo(pid: int, **fields: object) -> Photo:
    """A small photo record with its original and thumbnail, credited, described and sourced unless ``fields`` say not."""
    values = {
        "caption": "A tram",
        "alt_text": "A red tram",
        "creator": "Olena Koval",
        "digital_source_type": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
        **fields,
    }
    data = f"photo {pid}".encode() * 2000
    photo = Photo(id=pid, sha256=hashlib.sha256(data).hexdigest(), mime="image/jpeg", width=4, height=3,
                  size_bytes=len(data), **values)
    photo.original = PhotoOriginal(data=data)
    photo.thumbnail = PhotoThumbnail(data=b"t", width=4, height=3)
    return photo


def sql(path: Path, statement: str, *params: object) -> list[tuple]:
    """Run one statement through plain sqlite3 (foreign keys on), outside the code under test."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def write(path: Path, text: str) -> Path:
    """Write a UTF-8 text file, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article_md(front: str, body: str = "Body text.\n") -> str:
    """An article in the import format: front matter and body."""
    return f"---\n{front.strip()}\n---\n{body}"


def jpeg_bytes(width: int = 64, height: int = 48, seed: int = 0) -> bytes:
    """A small real JPEG with some structure (not a flat colour)."""
    image = Image.new("RGB", (width, height), (30 + seed % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 8):
        draw.line([(i, 0), (width - i, height)], fill=((i * 7 + seed) % 255, 200, 80), width=2)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def exiftool(path: Path, *arguments: str) -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed")
    run_exiftool("-q", "-overwrite_original", "-charset", "iptc=UTF8", "-codedcharacterset=utf8", *arguments, str(path))


ROOT = Path(__file__).resolve().parents[2]


def run_unprivileged(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m workstation ARGS`` as a user without special rights.

    Under root (a container, CI) permissions are not enforced, so the command
    runs as ``nobody`` through setpriv; the files involved must be reachable by it.
    """
    command = [sys.executable, "-m", "workstation", *map(str, args)]
    if os.geteuid() == 0:
        if not _nobody_can_run_workstation():
            pytest.skip("running as root, and user nobody cannot run Workstation from this checkout")
        command = [*_AS_NOBODY, *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


_AS_NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")


@functools.cache
def _nobody_can_run_workstation() -> bool:
    if shutil.which("setpriv") is None:
        return False
    probe = [*_AS_NOBODY, sys.executable, "-c", "import workstation.cli"]
    return subprocess.run(probe, capture_output=True, cwd=ROOT, timeout=60).returncode == 0


@pytest.fixture
def shared_dir() -> Path:
    """A folder outside pytest's private tmp tree, so an unprivileged user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="ws-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


@pytest.fixture
def write_jpeg(tmp_path: Path) -> Callable[..., Path]:
    """Write a real JPEG (optionally tagged by exiftool) and return its path."""

    def write(name: str, *tags: str, seed: int = 0, folder: Path | None = None) -> Path:
        target = (folder or tmp_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(jpeg_bytes(seed=seed or len(name)))
        if tags:
            exiftool(target, *tags)
        return target

    return write


# Photo records made straight through the models, so desk queries are tested on their own.
_counter = itertools.count(1)



@pytest.fixture
def add_photo(library: Library) -> Callable[..., int]:
    """Store a photo record with ``fields``; returns its id."""

    def add(**fields: Any) -> int:
        n = next(_counter)
        values: dict[str, Any] = {
            "sha256": hashlib.sha256(f"photo-{n}".encode()).hexdigest(),
            "mime": "image/jpeg",
            "width": 600,
            "height": 400,
            "size_bytes": 1234,
            "original_filename": f"frame-{n:04d}.jpg",
            "credit_line": "Agency",
            "alt_text": "Alt",
        }
        values.update(fields)
        with library.transaction() as session:
            photo = Photo(**values)
            session.add(photo)
            session.flush()
            return photo.id

    return add


@pytest.fixture
def add_article(library: Library) -> Callable[..., int]:
    def add(
        slug: str, body: str = "", feature_photo_id: int | None = None, **fields: Any
    ) -> int:
        with library.transaction() as session:
            article = Article(
                slug=slug,
                headline=fields.pop("headline", slug.title()),
                body=body,
                feature_photo_id=feature_photo_id,
                **fields,
            )
            session.add(article)
            session.flush()
            return article.id

    return add
