"""An export reads each photo's original from the library once, in one statement, however many pages show it."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image
from sqlalchemy import event

from workstation.library.cache_policy import LIBRARY_ID, valid_id
from workstation.library.database import Library
from workstation.library.models import Article, Section
from workstation.library.original_store import CHUNK
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes
from workstation.publish.site import export_site


def noisy_jpeg(seed: int) -> bytes:
    """A JPEG of camera-like noise, larger than one stored chunk."""
    image = Image.merge("RGB", [Image.effect_noise((1400, 1000), 60 + 10 * seed) for _ in range(3)])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=97)
    assert buffer.tell() > CHUNK
    return buffer.getvalue()


def stories(library: Library) -> None:
    """Two photos: the first is the lead of two stories, the second of one."""
    with library.transaction() as session:
        section = Section(slug="news", name="News")
        photos = []
        for seed in (1, 2):
            photo, _ = add_photo(session, ingest_bytes(noisy_jpeg(seed), f"frame-{seed}.jpg"))
            photo.creator, photo.credit_line, photo.alt_text = "Staff", "Wire", "Noise"
            photos.append(photo)
        session.flush()
        for index, photo in enumerate((photos[0], photos[0], photos[1])):
            session.add(Article(slug=f"story-{index}", headline=f"Story {index}", body="Words.\n", section=section,
                                status="published", published_at=datetime(2026, 3, 1, 9 + index, tzinfo=timezone.utc),
                                feature_photo_id=photo.id))


@contextmanager
def original_reads(library: Library) -> Iterator[list[str]]:
    """The statements that read ``photo_originals`` while the block runs, through the ORM or in plain SQL."""
    statements: list[str] = []

    def seen(statement: str) -> None:
        if "FROM photo_originals" in statement:
            statements.append(statement)

    def seen_by_orm(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        seen(statement)

    event.listen(library.engine, "before_cursor_execute", seen_by_orm)
    with library.reading():
        pass  # the library's own connection, made now so its statements can be watched
    plain = library._plain
    assert plain is not None
    plain.set_trace_callback(seen)
    try:
        yield statements
    finally:
        plain.set_trace_callback(None)
        event.remove(library.engine, "before_cursor_execute", seen_by_orm)


def test_a_cold_export_reads_each_original_once_in_one_statement(library: Library, tmp_path: Path) -> None:
    stories(library)
    with original_reads(library) as statements:
        export_site(library, tmp_path / "site", cache_dir=tmp_path / "cache", workers=1)
    assert len(statements) == 2


def test_an_export_with_every_rendition_cached_reads_no_original(library: Library, tmp_path: Path) -> None:
    stories(library)
    export_site(library, tmp_path / "first", cache_dir=tmp_path / "cache", workers=1)
    with original_reads(library) as statements:
        export_site(library, tmp_path / "second", cache_dir=tmp_path / "cache", workers=1)
    assert statements == []


def test_a_first_export_into_a_new_folder_never_imports_the_orm(library: Library, tmp_path: Path) -> None:
    """A first export reads originals and stores the library's id in plain SQL: the models stay unimported."""
    stories(library)
    with library.writing() as plain:
        plain.run("DELETE FROM settings WHERE key = ?", (LIBRARY_ID,))
    path = Path(library.path)
    library.close()
    script = (
        "import sys\n"
        "from workstation.library.database import open_library\n"
        "from workstation.publish.site import export_site\n"
        "library = open_library(sys.argv[1])\n"
        "report = export_site(library, sys.argv[2], cache_dir=sys.argv[3])\n"
        "library.close()\n"
        "assert not report.warnings, report.warnings\n"
        "print(sorted(name for name in sys.modules if name.startswith(('sqlalchemy', 'workstation.library.models'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "site"), str(tmp_path / "cache")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(list((tmp_path / "site" / "images").iterdir())) > 0
    assert any((tmp_path / "cache").rglob("*.jpg"))
    with sqlite3.connect(path) as stored:
        (made,) = stored.execute("SELECT value FROM settings WHERE key = ?", (LIBRARY_ID,)).fetchone()
    assert valid_id(made) == made and (tmp_path / "cache" / "renditions" / made).is_dir()
