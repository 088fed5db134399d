"""Export originals against hostile files and folders: nothing of the camera survives, nothing outside is written."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path
from typing import Any

from photo_helpers import encode, picture
from PIL import Image

from tests.exiftool import exiftool
from workstation.photos.originals import export_original, save_export
from workstation.photos.rights import RightsMetadata

RIGHTS = RightsMetadata(creator="Olena Kovalenko", credit_line="Northern Agency", copyright_notice="© 2026 Northern Agency")
OWNER = "Owner Jane Roe"
SERIAL = "SN-4455667788"


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def gps_exif() -> bytes:
    """An EXIF block with a GPS position, a body serial number and an owner name."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 35.0, 43.0), 3: "E", 4: (38.0, 0.0, 1.0)}
    exif[0x8769] = {0xA430: OWNER, 0xA431: SERIAL}
    return exif.tobytes()


def xmp_with_gps() -> bytes:
    return (
        b"http://ns.adobe.com/xap/1.0/\x00"
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,35.7N"'
        b' exif:GPSLongitude="38,0.01E"/></rdf:RDF></x:xmpmeta>'
    )


def scan_starts(jpeg: bytes) -> list[int]:
    """Offsets of the SOS markers (entropy-coded data never holds 0xFF 0xDA: it stuffs 0xFF as 0xFF 0x00)."""
    starts, position = [], 0
    while (position := jpeg.find(b"\xff\xda", position + 1)) > 0:
        starts.append(position)
    return starts


def progressive_with_metadata_between_scans() -> bytes:
    """A progressive JPEG carrying GPS EXIF, GPS XMP and a comment between its second and third scans."""
    plain = encode(picture((480, 320)), progressive=True, quality=85)
    at = scan_starts(plain)[2]
    hidden = (
        segment(0xE1, gps_exif())
        + segment(0xE1, xmp_with_gps())
        + segment(0xFE, f"{OWNER}, camera serial {SERIAL}".encode())
    )
    return plain[:at] + hidden + plain[at:]


def exiftool_ee(data: bytes, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "probe.jpg"
    path.write_bytes(data)
    output = exiftool("-j", "-ee", "-a", "-G1", "-u", str(path)).stdout
    return json.loads(output)[0]


def leaks(found: dict[str, Any]) -> list[str]:
    return [f"{key}={value}" for key, value in found.items()
            if "GPS" in key or OWNER in str(value) or SERIAL in str(value)]


def test_metadata_between_the_scans_of_a_progressive_jpeg_is_dropped(tmp_path: Path) -> None:
    hostile = progressive_with_metadata_between_scans()
    assert leaks(exiftool_ee(hostile, tmp_path)), "the test file must carry the metadata exiftool -ee finds"
    exported = export_original(hostile, RIGHTS)
    found = exiftool_ee(exported, tmp_path)
    assert leaks(found) == []
    assert found["IPTC:By-line"] == "Olena Kovalenko"


def test_the_pixels_survive_the_rebuild_untouched() -> None:
    hostile = progressive_with_metadata_between_scans()
    exported = export_original(hostile, RIGHTS)
    with Image.open(io.BytesIO(hostile)) as before, Image.open(io.BytesIO(exported)) as after:
        assert after.info.get("progressive") and before.tobytes() == after.tobytes()


def test_every_scan_of_the_original_is_copied_byte_for_byte() -> None:
    plain = encode(picture((480, 320)), progressive=True, quality=85)
    exported = export_original(plain, RIGHTS)
    first = scan_starts(plain)[0]
    assert exported.endswith(plain[first:])


def test_a_link_planted_at_the_temporary_name_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / ".frontline.jpg.partial").symlink_to(outside)
    written = save_export(folder, "frontline.jpg", 1, b"\xff\xd8exported\xff\xd9", set())
    assert written == folder / "frontline.jpg"
    assert written.read_bytes() == b"\xff\xd8exported\xff\xd9"
    assert outside.read_text() == "keep me"
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial") and not p.is_symlink()]


def test_a_link_planted_at_the_final_name_is_neither_followed_nor_replaced(tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "frontline.jpg").symlink_to(outside)
    written = save_export(folder, "frontline.jpg", 1, b"data", set())
    assert written == folder / "frontline-2.jpg"
    assert not outside.exists() and (folder / "frontline.jpg").is_symlink()


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "frontline.jpg").write_bytes(b"the editor's own")
    taken: set[str] = set()
    first = save_export(tmp_path, "frontline.jpg", 1, b"one", taken)
    second = save_export(tmp_path, "frontline.jpg", 2, b"two", taken)
    assert (tmp_path / "frontline.jpg").read_bytes() == b"the editor's own"
    assert (first.name, second.name) == ("frontline-2.jpg", "frontline-3.jpg")
    assert (first.read_bytes(), second.read_bytes()) == (b"one", b"two")


def test_a_hostile_file_name_stays_inside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    written = save_export(folder, "../../etc/passwd\n.jpg", 7, b"data", set())
    assert written.parent == folder and "\n" not in written.name
