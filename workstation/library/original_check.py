"""The one judgement of a stored original, and the export's read of one in plain SQL.

An original is stored as chunk rows (``original_store``); whoever reads it
feeds the chunks, in order, to a ``Verifier``, which says whether they are
the file imported (its SHA-256 and size) or why not. Nothing here imports
SQLAlchemy: a site export reads the originals it encodes through the
library's own connection (``read_original``), so a first export never
loads the ORM; every other reader goes through ``original_store``.
"""

from __future__ import annotations

import hashlib

from workstation.errors import LibraryError
from workstation.library.plain import Plain
from workstation.photos.ingest import HELD_IN_MEMORY

MISSING = "the original is missing from the library"
PART_MISSING = "the stored original is damaged (a part of it is missing)"
NOT_IMAGE_DATA = "the stored original is damaged (it is not image data)"
CHECKSUM_MISMATCH = "the stored original is damaged (its checksum does not match)"


class Verifier:
    """The one judgement of an original, fed its chunks in order: ``copy_verified`` one photo's,
    ``damaged_originals`` all, ``read_original`` one for the export."""

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


def read_original(plain: Plain, photo_id: int) -> bytes | None:
    """``photo_id``'s original, verified whole, in one statement; None when it is larger than ``HELD_IN_MEMORY``
    (then ``original_store.open_original`` reads it a chunk at a time).

    Raises ``LibraryError`` naming the photo when it is missing or damaged,
    with the words ``open_original`` uses: damaged bytes are never served.
    """
    found = plain.rows("SELECT sha256, size_bytes, original_filename FROM photos WHERE id = ?", (photo_id,))
    if not found:
        raise LibraryError(f"photo {photo_id}: no such photo in the library")
    sha256, size_bytes, filename = found[0]
    if size_bytes > HELD_IN_MEMORY:
        return None
    verifier = Verifier(sha256, size_bytes)
    chunks = []
    for seq, data in plain.rows("SELECT seq, data FROM photo_originals WHERE photo_id = ? ORDER BY seq", (photo_id,)):
        chunk = bytes(data) if isinstance(data, memoryview) else data
        if not verifier.add(seq, chunk):
            break
        chunks.append(chunk)
    damage = verifier.verdict()
    if damage is not None:
        raise LibraryError(f"photo {photo_id} ({filename or f'photo {photo_id}'}): {damage}")
    return b"".join(chunks)
