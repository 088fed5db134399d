"""Both import paths (the desk's and the command line's) read .xmp sidecars beside the images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.command_line import workstation
from workstation.editing.imports import import_photos
from workstation.library.database import Library, open_library
from workstation.library.importer import import_paths
from workstation.library.models import Photo

SIDECAR = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
   xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
   xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
   Iptc4xmpExt:DigitalSourceType="digitalCapture">
  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Caption from the sidecar</rdf:li></rdf:Alt></dc:description>
  <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">A ferry at dawn</rdf:li></rdf:Alt>
  </Iptc4xmpCore:AltTextAccessibility>
 </rdf:Description></rdf:RDF></x:xmpmeta>"""


@pytest.fixture
def shoot(tmp_path: Path) -> Path:
    folder = tmp_path / "shoot"
    folder.mkdir()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(folder / "IMG_1.JPG")
    (folder / "IMG_1.xmp").write_text(SIDECAR)
    Image.new("RGB", (64, 48), (200, 120, 10)).save(folder / "IMG_2.JPG")
    (folder / "IMG_2.JPG.xmp").write_text("<rdf:RDF>broken")
    return folder


def photos(library: Library) -> dict[str, Photo]:
    with library.session() as session:
        found = {photo.original_filename: photo for photo in session.query(Photo)}
        session.expunge_all()
        return found


def test_desk_import_reads_the_sidecar_and_warns_of_a_broken_one(library: Library, shoot: Path) -> None:
    report = import_photos(library, [shoot])
    stored = photos(library)
    assert stored["IMG_1.JPG"].caption == "Caption from the sidecar"
    assert stored["IMG_1.JPG"].alt_text == "A ferry at dawn"
    assert stored["IMG_1.JPG"].digital_source_type == "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    assert [(w.name, w.reason.split(":")[0]) for w in report.warnings] == [("IMG_2.JPG", "sidecar IMG_2.JPG.xmp ignored")]
    assert stored["IMG_2.JPG"].embedded_metadata["Sidecar:Warning"].startswith("sidecar IMG_2.JPG.xmp ignored")
    assert report.skipped == [] and report.refused == []


def test_cli_import_reads_the_sidecar(library: Library, shoot: Path) -> None:
    report = import_paths(library, [shoot])
    assert photos(library)["IMG_1.JPG"].caption == "Caption from the sidecar"
    assert report.skipped == [] and len(report.warnings) == 1


def test_command_line_prints_the_sidecar_warning_and_lands_the_photo(tmp_path: Path, shoot: Path) -> None:
    target = tmp_path / "lib.workstation"
    result = workstation("import", target, shoot)
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "IMG_2.JPG.xmp ignored" in result.stderr
    with open_library(target) as library:
        assert len(photos(library)) == 2


def test_naming_a_sidecar_itself_is_refused_with_a_reason(library: Library, shoot: Path) -> None:
    report = import_paths(library, [shoot / "IMG_1.xmp"])
    assert [r.reason for r in report.refused] == ["an XMP sidecar: it is read with the image of the same name beside it"]
