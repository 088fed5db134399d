"""``workstation check`` of a library file judges every photo original as the ORM's ``integrity`` does.

The command reads originals in plain SQL and proves most of them sound with
one aggregate query (one chunk, bytes of the recorded length and SHA-256);
whatever that query cannot prove goes through the one judgement
(``original_verdicts.Verifier``). Each case damages one original of a library
whose others are sound, in one chunk and in several, and expects the same
line from the command as from ``integrity``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.command_line import workstation
from tests.library.conftest import sql, stored_photo
from workstation.library.database import open_library
from workstation.publish.preflight import integrity

CHECKSUM = "photo {}: the stored original is damaged (its checksum does not match); restore it from a backup"
PART = "photo {}: the stored original is damaged (a part of it is missing); restore it from a backup"
NOT_BYTES = "photo {}: the stored original is damaged (it is not image data); restore it from a backup"
MISSING = "photo {}: the original file is missing"
SPLIT = 4  # the photo whose original is stored in three chunks

DAMAGE = {
    "one chunk, a byte changed": (["UPDATE photo_originals SET data = zeroblob(length(data)) WHERE photo_id = 2"],
                                  CHECKSUM.format(2)),
    "one chunk, text instead of bytes": (["UPDATE photo_originals SET data = 'a tram' WHERE photo_id = 2"],
                                         NOT_BYTES.format(2)),
    "no chunk at all": (["DELETE FROM photo_originals WHERE photo_id = 2"], MISSING.format(2)),
    "a second chunk after a whole first": (["INSERT INTO photo_originals VALUES (2, 1, x'00')"], CHECKSUM.format(2)),
    "a chunk after a gap": (["INSERT INTO photo_originals VALUES (2, 2, x'')"], PART.format(2)),
    "the recorded size is wrong": (["UPDATE photos SET size_bytes = size_bytes + 1 WHERE id = 2"], CHECKSUM.format(2)),
    "the only chunk numbered 1": (["UPDATE photo_originals SET seq = 1 WHERE photo_id = 2"], PART.format(2)),
    "several chunks, the middle one gone": ([f"DELETE FROM photo_originals WHERE photo_id = {SPLIT} AND seq = 1"],
                                            PART.format(SPLIT)),
    "several chunks, the first one gone": ([f"DELETE FROM photo_originals WHERE photo_id = {SPLIT} AND seq = 0"],
                                           PART.format(SPLIT)),
    "several chunks, two swapped": (
        [f"UPDATE photo_originals SET seq = {old} WHERE photo_id = {SPLIT} AND seq = {new}"
         for new, old in ((0, 9), (1, 0), (9, 1))],
        CHECKSUM.format(SPLIT),
    ),
    "several chunks, the last one changed": (
        [f"UPDATE photo_originals SET data = zeroblob(length(data)) WHERE photo_id = {SPLIT} AND seq = 2"],
        CHECKSUM.format(SPLIT),
    ),
}


def damage(path: Path, name: str) -> str:
    """Do the damage ``name`` to the library at ``path``; the line it must be reported in."""
    statements, line = DAMAGE[name]
    for statement in statements:
        sql(path, statement)
    return line


@pytest.fixture
def path(new_library_file, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Five sound photos, no articles: photo 4's original stored in three chunks, the others in one."""
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.transaction() as session:
        session.add_all([stored_photo(pid) for pid in range(1, 6)])
    [(data,)] = sql(path, "SELECT data FROM photo_originals WHERE photo_id = ?", SPLIT)
    sql(path, "DELETE FROM photo_originals WHERE photo_id = ?", SPLIT)
    third = len(data) // 3
    for seq, part in enumerate((data[:third], data[third : 2 * third], data[2 * third :])):
        sql(path, "INSERT INTO photo_originals VALUES (?, ?, ?)", SPLIT, seq, part)
    assert hashlib.sha256(data).hexdigest() == sql(path, "SELECT sha256 FROM photos WHERE id = ?", SPLIT)[0][0]
    return path


def _integrity(path: Path) -> list[str]:
    with open_library(path, readonly=True) as library, library.session() as session:
        return [str(finding) for finding in integrity(session)]


def test_sound_originals_in_one_chunk_and_in_several_are_no_finding(path: Path) -> None:
    result = workstation("check", path)
    assert (result.returncode, result.stdout) == (0, f"{path}: no problems found\n")


def test_an_empty_chunk_after_a_whole_first_one_leaves_the_original_whole(path: Path) -> None:
    sql(path, "INSERT INTO photo_originals VALUES (2, 1, x'')")
    assert workstation("check", path).returncode == 0
    assert _integrity(path) == []


@pytest.mark.parametrize("name", DAMAGE)
def test_each_kind_of_damage_is_found_in_the_words_of_the_one_judgement(path: Path, name: str) -> None:
    line = damage(path, name)
    result = workstation("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [line] == _integrity(path)


def test_several_damaged_originals_are_found_in_photo_order(path: Path) -> None:
    sql(path, "DELETE FROM photo_originals WHERE photo_id = 5")
    damage(path, "several chunks, the middle one gone")
    damage(path, "one chunk, a byte changed")
    result = workstation("check", path)
    assert result.stdout.splitlines() == [CHECKSUM.format(2), PART.format(SPLIT), MISSING.format(5)] == _integrity(path)
