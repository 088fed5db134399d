"""Photo originals in the store: chunked, deduplicated by SHA-256, verified before a byte is served.

Every test runs on a library file and on a PostgreSQL newsroom. The
originals are small JPEGs with bytes appended after their end-of-image
marker (as phones append a second picture), so a multi-chunk original
costs no decoding.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import delete, func, select, update

from workstation.errors import ImageRefused, LibraryError
from workstation.library.database import Library
from workstation.library.models import Photo, PhotoOriginal
from workstation.library.original_store import CHUNK, open_original, original_damage
from workstation.library.photos import add_photo, load_original
from workstation.photos.ingest import IngestedImage, ingest_file
from workstation.publish.preflight import integrity

pytestmark = pytest.mark.both_backends


def jpeg_with_tail(tail: int, seed: bytes = b"tram") -> bytes:
    """A valid small JPEG followed by ``tail`` bytes (derived from ``seed``) after its end marker."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buffer, "JPEG")
    block = hashlib.sha256(seed).digest() * 2048
    return buffer.getvalue() + (block * (tail // len(block) + 1))[:tail]


def streamed(path: Path) -> IngestedImage:
    """``path`` decoded as ``ingest_file`` leaves a file too large to hold: named, to be streamed when stored."""
    return replace(ingest_file(path), data=b"", source=path)


def imported(library: Library, path: Path) -> int:
    with library.transaction() as session:
        photo, _created = add_photo(session, ingest_file(path))
        return photo.id


def chunk_rows(library: Library) -> list[tuple[int, int, int]]:
    with library.session() as session:
        return [tuple(row) for row in session.execute(
            select(PhotoOriginal.photo_id, PhotoOriginal.seq, func.length(PhotoOriginal.data))
            .order_by(PhotoOriginal.photo_id, PhotoOriginal.seq)
        )]


def test_a_large_original_is_stored_in_chunks_and_read_back_whole(library: Library, tmp_path: Path) -> None:
    data = jpeg_with_tail(2 * CHUNK + 1000)
    (tmp_path / "frame.jpg").write_bytes(data)
    photo_id = imported(library, tmp_path / "frame.jpg")
    assert [(seq, size) for _pid, seq, size in chunk_rows(library)] == [(0, CHUNK), (1, CHUNK), (2, len(data) - 2 * CHUNK)]
    with library.session() as session, open_original(session, photo_id) as original:
        assert hashlib.sha256(original.read()).hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_same_original_imported_twice_is_stored_once(library: Library, tmp_path: Path) -> None:
    data = jpeg_with_tail(CHUNK + 10)
    (tmp_path / "a.jpg").write_bytes(data)
    (tmp_path / "copy of a.jpg").write_bytes(data)
    first = imported(library, tmp_path / "a.jpg")
    assert imported(library, tmp_path / "copy of a.jpg") == first
    assert [(pid, seq) for pid, seq, _size in chunk_rows(library)] == [(first, 0), (first, 1)]


def test_a_file_changed_between_decoding_and_storing_leaves_nothing(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "frame.jpg"
    path.write_bytes(jpeg_with_tail(CHUNK + 10))
    image = streamed(path)
    path.write_bytes(jpeg_with_tail(CHUNK + 10, seed=b"another"))
    with pytest.raises(ImageRefused, match=r"^frame\.jpg: the file changed while it was being imported"):
        with library.transaction() as session:
            add_photo(session, image)
    with library.session() as session:
        assert session.scalar(select(func.count()).select_from(Photo)) == 0
    assert chunk_rows(library) == []


def test_a_streamed_original_is_stored_in_chunks(library: Library, tmp_path: Path) -> None:
    data = jpeg_with_tail(CHUNK + 10)
    (tmp_path / "frame.jpg").write_bytes(data)
    with library.transaction() as session:
        photo, _created = add_photo(session, streamed(tmp_path / "frame.jpg"))
        photo_id = photo.id
    assert [(seq, size) for _pid, seq, size in chunk_rows(library)] == [(0, CHUNK), (1, len(data) - CHUNK)]
    with library.session() as session:
        assert load_original(session, photo_id) == data


def test_a_file_grown_while_being_stored_leaves_nothing(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "frame.jpg"
    path.write_bytes(jpeg_with_tail(CHUNK))
    image = streamed(path)
    with path.open("ab") as more:
        more.write(b"\0" * (3 * CHUNK))
    with pytest.raises(ImageRefused, match="changed while it was being imported"):
        with library.transaction() as session:
            add_photo(session, image)
    assert chunk_rows(library) == []


def test_a_file_cut_short_while_being_stored_leaves_nothing(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "frame.jpg"
    path.write_bytes(jpeg_with_tail(2 * CHUNK))
    image = streamed(path)
    os.truncate(path, CHUNK + 5)
    with pytest.raises(ImageRefused, match="changed while it was being imported"):
        with library.transaction() as session:
            add_photo(session, image)
    assert chunk_rows(library) == []


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("flip", "its checksum does not match"),
        ("drop-middle", "a part of it is missing"),
        ("drop-last", "its checksum does not match"),
    ],
)
def test_a_damaged_original_is_reported_and_never_served(library: Library, tmp_path: Path, damage: str, reason: str) -> None:
    (tmp_path / "frame.jpg").write_bytes(jpeg_with_tail(2 * CHUNK + 10))
    photo_id = imported(library, tmp_path / "frame.jpg")
    chunk = (PhotoOriginal.photo_id == photo_id) & (PhotoOriginal.seq == (2 if damage == "drop-last" else 1))
    with library.transaction() as session:
        if damage == "flip":
            session.execute(update(PhotoOriginal).where(chunk).values(data=b"\x00" * CHUNK))
        else:
            session.execute(delete(PhotoOriginal).where(chunk))
    with library.session() as session:
        with pytest.raises(LibraryError, match=rf"photo {photo_id} \(frame\.jpg\): the stored original is damaged \({reason}\)"):
            load_original(session, photo_id)
        assert original_damage(session, session.get(Photo, photo_id)) == f"the stored original is damaged ({reason})"
        assert [(finding.kind, finding.subject) for finding in integrity(session)] == [("damaged-photo", f"photo {photo_id}")]


def test_an_emptied_chunk_is_damage(library: Library, tmp_path: Path) -> None:
    (tmp_path / "frame.jpg").write_bytes(jpeg_with_tail(10))
    photo_id = imported(library, tmp_path / "frame.jpg")
    with library.transaction() as session:
        session.execute(update(PhotoOriginal).values(data=b""))
    with library.session() as session:
        assert original_damage(session, session.get(Photo, photo_id)) == (
            "the stored original is damaged (its checksum does not match)"
        )


def test_an_original_with_no_chunk_at_all_is_missing(library: Library, tmp_path: Path) -> None:
    (tmp_path / "frame.jpg").write_bytes(jpeg_with_tail(10))
    photo_id = imported(library, tmp_path / "frame.jpg")
    with library.transaction() as session:
        session.execute(delete(PhotoOriginal))
    with library.session() as session:
        assert [finding.kind for finding in integrity(session)] == ["missing-original"]
        with pytest.raises(LibraryError, match="the original is missing from the library"):
            open_original(session, photo_id)
