"""The one judgement of a stored photo original, and a library file's pass over all of them.

An original is rows of chunks (``original_store``); it is the file that
was imported when its chunks, in order from 0 with none missing, are bytes
whose length and SHA-256 are the ones recorded at import. ``Verifier`` is
that judgement, fed the chunks in order, and names what is wrong first.

``damaged_in_file`` judges a library file's every original with plain
``sqlite3`` (no SQLAlchemy: ``workstation check`` of a decade's archive
must not pay for importing it). One aggregate query proves most originals
sound outright: those whose only chunk is bytes of the recorded length and
SHA-256 (hashed by SQLite calling Python, without a row object per photo).
Whatever it cannot prove sound (a larger original in several chunks, or a
damaged one) is read chunk by chunk through ``Verifier``, so every verdict
and its words come from that one judgement.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator

from workstation.library.plain import batches, marks

MISSING = "the original is missing from the library"
PART_MISSING = "the stored original is damaged (a part of it is missing)"
NOT_IMAGE_DATA = "the stored original is damaged (it is not image data)"
CHECKSUM_MISMATCH = "the stored original is damaged (its checksum does not match)"


class Verifier:
    """The one judgement of an original, fed its chunks in order (``copy_verified`` one photo's, the checks all)."""

    __slots__ = ("sha256", "size_bytes", "digest", "size", "parts", "damage")

    def __init__(self, sha256: str, size_bytes: int) -> None:
        self.sha256 = sha256
        self.size_bytes = size_bytes
        self.digest = hashlib.sha256()
        self.size = 0
        self.parts = 0
        self.damage: str | None = None

    def add(self, seq: int, data: object) -> bool:
        """Take chunk ``seq``; False once the original is known to be damaged (nothing more is taken)."""
        if self.damage is not None:
            return False
        if seq != self.parts or data is None:
            self.damage = PART_MISSING
        elif not isinstance(data, bytes):
            self.damage = NOT_IMAGE_DATA
        else:
            self.digest.update(data)
            self.size += len(data)
            self.parts += 1
        return self.damage is None

    def verdict(self) -> str | None:
        """Why the chunks taken are not the original imported, or None when they are it."""
        if self.damage is not None:
            return self.damage
        if self.parts == 0:
            return MISSING
        if self.digest.hexdigest() != self.sha256 or self.size != self.size_bytes:
            return CHECKSUM_MISMATCH
        return None


def judged(rows: Iterator[tuple[int, str, int, int | None, object]]) -> Iterator[tuple[int, str]]:
    """``(photo id, why)`` of each damaged original among ``rows``: (id, sha256, size_bytes, seq, data) in id, seq order.

    A photo without any chunk comes as one row whose seq is None (a left join).
    """
    photo_id: int | None = None
    verifier: Verifier | None = None
    for row_id, sha256, size_bytes, seq, data in rows:
        if row_id != photo_id:
            if verifier is not None and (damage := verifier.verdict()) is not None:
                yield photo_id, damage  # type: ignore[misc]
            photo_id, verifier = row_id, Verifier(sha256, size_bytes)
        if seq is not None:
            verifier.add(seq, data)  # type: ignore[union-attr]
    if verifier is not None and (damage := verifier.verdict()) is not None:
        yield photo_id, damage  # type: ignore[misc]


_DIGEST_FUNCTION = "workstation_sha256"
# Photos whose chunk 0 is bytes of the recorded length and SHA-256: with no other chunk, each is sound.
_WHOLE_FIRST_CHUNKS = (
    f"FROM photo_originals o JOIN photos p ON p.id = o.photo_id WHERE o.seq = 0 AND typeof(o.data) = 'blob' "
    f"AND length(o.data) = p.size_bytes AND {_DIGEST_FUNCTION}(o.data) = p.sha256"
)
_LATER_CHUNKS = "SELECT DISTINCT photo_id FROM photo_originals WHERE seq != 0"
_CHUNKS_OF = (
    "SELECT p.id, p.sha256, p.size_bytes, o.seq, o.data FROM photos p "
    "LEFT JOIN photo_originals o ON o.photo_id = p.id WHERE p.id IN ({}) ORDER BY p.id, o.seq"
)


def _hex_digest(data: object) -> str | None:
    return hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else None


def damaged_in_file(connection: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """Every photo of a library file whose stored original is not the file imported, by id, with why.

    The same verdicts as ``Verifier`` gives each photo; ``connection`` is
    SQLite's own, inside one read transaction (its caller's), and gets a
    function ``workstation_sha256`` for this. Memory holds one chunk of an
    original at a time, however large the library.
    """
    connection.create_function(_DIGEST_FUNCTION, 1, _hex_digest, deterministic=True)
    photos = connection.execute("SELECT count(*) FROM photos").fetchone()[0]
    later = {row[0] for row in connection.execute(_LATER_CHUNKS)}
    if not later and connection.execute(f"SELECT count(*) {_WHOLE_FIRST_CHUNKS}").fetchone()[0] == photos:
        return  # every original is one chunk, whole: a decade's archive of small photos, in one query
    sound = {row[0] for row in connection.execute(f"SELECT o.photo_id {_WHOLE_FIRST_CHUNKS}")} - later
    doubtful = [row[0] for row in connection.execute("SELECT id FROM photos ORDER BY id") if row[0] not in sound]
    for chunk in batches(doubtful):
        yield from judged(connection.execute(_CHUNKS_OF.format(marks(len(chunk))), tuple(chunk)))
