""".xmp sidecars beside imported images: preferred to the embedded XMP, refused safely when hostile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photo_helpers import encode, picture, run_exiftool

from workstation.photos.ingest import SIDECAR_LIMIT, ingest_file, sidecar_path


def sidecar(description: str, creator: str = "Sidecar Creator", extra: str = "") -> str:
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
   {extra}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "IMG_1.JPG"
    path.write_bytes(encode(picture((64, 48))))
    run_exiftool(path, "-XMP-dc:Description=Embedded caption", "-XMP-photoshop:City=Embedded City")
    return path


def test_stem_named_sidecar_wins_over_embedded_xmp(image: Path) -> None:
    (image.parent / "IMG_1.xmp").write_text(sidecar("Sidecar caption"))
    meta = ingest_file(image).metadata
    assert (meta.caption, meta.creator) == ("Sidecar caption", "Sidecar Creator")
    assert meta.city == "Embedded City"  # what the sidecar does not say stays the file's


def test_file_named_sidecar_wins_over_the_stem_named_one(image: Path) -> None:
    (image.parent / "IMG_1.xmp").write_text(sidecar("Lightroom caption"))
    (image.parent / "IMG_1.JPG.xmp").write_text(sidecar("darktable caption"))
    assert sidecar_path(image) == image.parent / "IMG_1.JPG.xmp"
    assert ingest_file(image).metadata.caption == "darktable caption"


def test_sidecar_written_by_exiftool_is_read(image: Path, tmp_path: Path) -> None:
    made = tmp_path / "IMG_1.xmp"
    run_exiftool(made, "-XMP-dc:Description=From ExifTool", "-XMP-iptcExt:DigitalSourceType=digitalCapture")
    meta = ingest_file(image).metadata
    assert (meta.caption, meta.digital_source_type) == ("From ExifTool", "digitalCapture")


def test_broken_sidecar_is_ignored_with_a_warning(image: Path) -> None:
    (image.parent / "IMG_1.xmp").write_text("<x:xmpmeta><rdf:RDF>never closed")
    ingested = ingest_file(image)
    assert ingested.metadata.caption == "Embedded caption"
    assert ingested.sidecar_warning.startswith("sidecar IMG_1.xmp ignored: it is not readable XMP")


def test_entity_bomb_sidecar_is_ignored(image: Path) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + sidecar(
        "&b;"
    )
    (image.parent / "IMG_1.xmp").write_text(bomb)
    ingested = ingest_file(image)
    assert ingested.metadata.caption == "Embedded caption"
    assert "not readable XMP" in ingested.sidecar_warning


def test_huge_sidecar_is_not_read(image: Path) -> None:
    (image.parent / "IMG_1.xmp").write_text(sidecar("x" * SIDECAR_LIMIT))
    ingested = ingest_file(image)
    assert ingested.metadata.caption == "Embedded caption"
    assert "ignored: the file is too large" in ingested.sidecar_warning


def test_linked_sidecar_is_not_followed(image: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(sidecar("Secret from elsewhere"))
    os.symlink(elsewhere, image.parent / "IMG_1.xmp")
    ingested = ingest_file(image)
    assert ingested.metadata.caption == "Embedded caption"
    assert ingested.sidecar_warning == "sidecar IMG_1.xmp ignored: it is a link"


def test_empty_sidecar_is_ignored_with_a_warning(image: Path) -> None:
    (image.parent / "IMG_1.xmp").write_bytes(b"")
    ingested = ingest_file(image)
    assert ingested.metadata.caption == "Embedded caption"
    assert ingested.sidecar_warning
