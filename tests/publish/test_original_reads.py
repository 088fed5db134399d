"""An export reads each photo's original from the library once, in one statement, however many pages show it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image
from sqlalchemy import event

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
    """The statements that read ``photo_originals`` while the block runs."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if "FROM photo_originals" in statement:
            statements.append(statement)

    event.listen(library.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(library.engine, "before_cursor_execute", seen)


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
