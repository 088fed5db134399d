"""The export's read of one stored original in plain SQL.

An original is stored as chunk rows (``original_store``); whoever reads it
feeds the chunks, in order, to ``original_verdicts.Verifier``, the one
judgement of whether they are the file imported. Nothing here imports
SQLAlchemy: a site export reads the originals it encodes through the
library's own connection (``read_original``), so a first export never
loads the ORM; every other reader goes through ``original_store``.
"""

from __future__ import annotations

from workstation.errors import LibraryError
from workstation.library.original_verdicts import Verifier
from workstation.library.plain import Plain
from workstation.photos.shapes import HELD_IN_MEMORY


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
