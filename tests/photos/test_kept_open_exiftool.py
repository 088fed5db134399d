"""The tests' kept-open ExifTool (``tests/exiftool.py``) writes and answers exactly as a fresh one would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from photo_helpers import encode, picture

from tests.exiftool import exiftool

AWKWARD = (
    "-XMP-dc:Description=two\nlines, a \\backslash and a tab\t",
    "-IPTC:Caption-Abstract= a leading space",
    "-EXIF:ImageDescription=   ",
    "-XMP-dc:Title=#not a comment",
    "-XMP-dc:Source=$dollar @at",
    "-XMP-photoshop:Credit=a line\nwith $dollar",
)


def tags(path: Path) -> dict[str, object]:
    found = json.loads(exiftool("-j", "-G1", "-XMP:all", "-IPTC:all", "-EXIF:all", str(path)).stdout)[0]
    return {key: value for key, value in found.items() if key != "SourceFile"}


def test_awkward_values_are_written_as_a_fresh_exiftool_writes_them(tmp_path: Path) -> None:
    kept, fresh = tmp_path / "kept.jpg", tmp_path / "fresh.jpg"
    for path in (kept, fresh):
        path.write_bytes(encode(picture((48, 32))))
    exiftool("-q", "-overwrite_original", *AWKWARD, str(kept))
    subprocess.run(["exiftool", "-q", "-overwrite_original", *AWKWARD, str(fresh)], check=True)
    assert tags(kept) == tags(fresh)
    assert tags(kept)["IPTC:Caption-Abstract"] == " a leading space"


def test_a_failing_command_reports_its_status_and_message(tmp_path: Path) -> None:
    result = exiftool("-j", str(tmp_path / "missing.jpg"), check=False)
    assert result.returncode == 1 and "File not found" in result.stderr


def test_a_structure_written_earlier_leaves_flattened_tags_writable(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jpg", tmp_path / "second.jpg"
    for path in (first, second):
        path.write_bytes(encode(picture((48, 32))))
    exiftool("-q", "-overwrite_original", "-XMP-iptcExt:LocationCreated={City=Odesa,CountryName=Ukraine}", str(first))
    exiftool("-q", "-overwrite_original", "-XMP-iptcExt:LocationShownCity=Shown City", str(second))
    assert tags(second)["XMP-iptcExt:LocationShownCity"] == "Shown City"
