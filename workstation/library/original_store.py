"""Photo originals kept in the library a chunk at a time, never whole in memory.

An agency's 50 MB TIFF must not cost 50 MB (or, with copies, several
times that) of a desk's memory to import, check, export or render. So an
original is stored as rows of at most ``CHUNK`` bytes in
``photo_originals``, keyed by (photo_id, seq), on SQLite and PostgreSQL
alike, and every reader and writer here handles one chunk at a time. (An original up
to ``HELD_IN_MEMORY``, as every camera JPEG is, is still held whole while
it is worked on, as the decoder needs it anyway; only one larger is kept
out of memory.)

Why chunk rows, not PostgreSQL large objects: rows are ordinary data. They
are deleted with their photo by the foreign key's cascade (large objects
are orphaned unless a trigger unlinks them), they travel through
``pg_dump`` of the tables and through logical replication (large objects
do neither), they need no extra privileges, and one code path serves both
backends. A chunk of 1 MiB is small enough that its row costs little
memory and large enough that a 50 MB file is only 50 statements.

Deduplication is by SHA-256: ``photos.sha256`` is unique and the chunks
belong to that one photo, so the same picture imported twice is stored
once (``library.photos.add_photo`` finds it before storing anything).

Every original is checked against the SHA-256 and size taken when it was
imported before anyone is given a byte of it: ``open_original`` copies
the chunks into memory (up to ``HELD_IN_MEMORY``) or an anonymous
temporary file (beyond it), hashing as it goes, and hands the file over only when
the hash and length match. A missing chunk, a chunk that is not bytes, or
any bit flipped is reported as damage instead.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from workstation.errors import ImageRefused, LibraryError
from workstation.library.models import Photo, PhotoOriginal
from workstation.library.original_verdicts import Verifier, judged
from workstation.photos.shapes import HELD_IN_MEMORY

CHUNK = 1024 * 1024
_INSERT_CHUNK = "INSERT INTO photo_originals (photo_id, seq, data) VALUES (?, ?, ?)"


class OriginalMismatch(ImageRefused):
    """The bytes being stored are not the ones that were checked at import (the file changed)."""


def store_original(session: Session, photo_id: int, source: BinaryIO, expected_sha256: str, expected_size: int) -> None:
    """Write ``source`` (read to its end) as the original of ``photo_id``, a chunk at a time.

    The bytes are hashed as they are written; when they are not the
    ``expected_size`` bytes hashing to ``expected_sha256`` (the file changed
    between decoding and storing: rewritten, cut short, still growing)
    ``OriginalMismatch`` is raised, at the latest one chunk past the size,
    and the caller's transaction, which holds every chunk written, must be
    rolled back: nothing of it is kept.
    """
    digest = hashlib.sha256()
    size = 0

    def chunks() -> Iterator[bytes]:
        nonlocal size
        while size <= expected_size and (chunk := source.read(CHUNK)):
            digest.update(chunk)
            size += len(chunk)
            yield chunk

    _write_chunks(session, photo_id, chunks())
    if size != expected_size or digest.hexdigest() != expected_sha256:
        raise OriginalMismatch("the file changed while it was being imported; import it again")


def store_bytes(session: Session, photo_id: int, data: bytes) -> None:
    """Write an original already held in memory (a camera JPEG, a download) in chunks, without copying it."""
    whole = memoryview(data)
    _write_chunks(session, photo_id, (whole[start : start + CHUNK] for start in range(0, len(data), CHUNK)))


def _write_chunks(session: Session, photo_id: int, chunks: Iterable[bytes | memoryview]) -> None:
    """The one writer of originals: ``chunks`` in order as rows ``seq`` 0, 1, ... (one empty row for no bytes).

    Each row is one statement in the driver's own SQL on the session's
    connection, inside its transaction: a camera JPEG is eight of them,
    and the ORM's per-statement work (cache keys, parameter processing,
    result setup) cost more than SQLite's own writing. ``photos`` is
    flushed first, so the foreign key holds.
    """
    connection = session.connection()
    sql = _INSERT_CHUNK if connection.dialect.paramstyle == "qmark" else _INSERT_CHUNK.replace("?", "%s")
    written = 0
    for seq, chunk in enumerate(chunks):
        connection.exec_driver_sql(sql, (photo_id, seq, chunk))
        written += 1
    if not written:
        connection.exec_driver_sql(sql, (photo_id, 0, b""))


def copy_verified(session: Session, photo: Photo, target: BinaryIO) -> str | None:
    """Copy ``photo``'s original into ``target`` a chunk at a time; why it is damaged, or None when it is whole.

    One statement reads the chunks in order, one row held at a time (also
    on PostgreSQL, through a server-side cursor). ``target`` then holds
    bytes that must not be used unless None came back.
    """
    rows = session.execute(
        select(PhotoOriginal.seq, PhotoOriginal.data)
        .where(PhotoOriginal.photo_id == photo.id)
        .order_by(PhotoOriginal.seq)
        .execution_options(yield_per=1)
    )
    verifier = Verifier(photo.sha256, photo.size_bytes)
    try:
        for seq, data in rows:
            if not verifier.add(seq, data):
                break
            target.write(data)
    finally:
        rows.close()
    return verifier.verdict()


def damaged_originals(reader: Session | Connection) -> Iterator[tuple[int, str]]:
    """Every photo whose stored original is not the file imported, by id, with why: one pass over all originals.

    What ``original_damage`` says of each photo, read as one ordered stream
    instead of a query per chunk, so a decade's 300,000 originals are
    checked in seconds. Rows come two at a time (a server-side cursor on
    PostgreSQL), so memory holds about two chunks, whatever the library's
    size. ``reader``: a session, or a connection of its own. (A library
    file's ``workstation check`` reads them in plain SQL instead:
    ``original_verdicts.damaged_in_file``.)
    """
    connection = reader.connection() if isinstance(reader, Session) else reader
    rows = connection.execute(
        select(Photo.id, Photo.sha256, Photo.size_bytes, PhotoOriginal.seq, PhotoOriginal.data)
        .outerjoin(PhotoOriginal, PhotoOriginal.photo_id == Photo.id)
        .order_by(Photo.id, PhotoOriginal.seq)
        .execution_options(yield_per=2)
    )
    yield from judged(rows)


def original_damage(session: Session, photo: Photo) -> str | None:
    """Why ``photo``'s stored original is not the file that was imported, or None when it is (read, not kept)."""
    return copy_verified(session, photo, _Discard())


def open_original(session: Session, photo_id: int) -> BinaryIO:
    """``photo_id``'s original as a file positioned at its start, verified whole before it is returned.

    The caller closes it (a ``with`` block). Raises ``LibraryError`` naming
    the photo when it is missing or damaged: damaged bytes are never served.
    """
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise LibraryError(f"photo {photo_id}: no such photo in the library")
    name = photo.original_filename or f"photo {photo_id}"
    copy: BinaryIO = io.BytesIO() if photo.size_bytes <= HELD_IN_MEMORY else tempfile.TemporaryFile()  # type: ignore[assignment]
    try:
        damage = copy_verified(session, photo, copy)
    except BaseException:
        copy.close()
        raise
    if damage is not None:
        copy.close()
        raise LibraryError(f"photo {photo_id} ({name}): {damage}")
    copy.seek(0)
    return copy


class _Discard:
    """A file that keeps nothing: verifying an original needs only its hash."""

    def write(self, data: bytes) -> int:
        return len(data)
