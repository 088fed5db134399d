"""Ingest templates: ticked fields replaced or appended, variables filled, codes expanded, at import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.exiftool import exiftool
from workstation.editing.imports import import_photos
from workstation.editing.ingest_setup import (
    export_codes,
    import_codes,
    ingest_templates,
    store_template,
    template_named,
)
from workstation.editing.photos import apply_batch, save_photo_fields
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Photo


def tagged(path: Path, *arguments: str) -> Path:
    Image.new("RGB", (320, 240), (90, 120, 150)).save(path, "JPEG")
    exiftool("-q", "-overwrite_original", "-codedcharacterset=utf8", *arguments, str(path))
    return path


@pytest.fixture
def shoot(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "card"
    folder.mkdir()
    return [
        tagged(folder / f"DSC_{n:04d}.jpg", f"-XMP-dc:Description=Frame {n}", "-XMP-dc:Creator=Olena Kovalenko",
               "-XMP-photoshop:City=Kyiv", "-EXIF:DateTimeOriginal=2026:03:01 10:20:30")
        for n in (1, 2)
    ]


@pytest.fixture
def codes_file(tmp_path: Path) -> Path:
    path = tmp_path / "codes.txt"
    path.write_text("kv\tKyiv\nua\tUkraine\nufa\tUkrinform\n", encoding="utf-8")
    return path


def stored(library: Library) -> list[Photo]:
    with library.session() as session:
        photos = list(session.query(Photo).order_by(Photo.original_filename))
        session.expunge_all()
        return photos


def test_ticked_fields_are_filled_at_import_replacing_or_appending(
    library: Library, shoot: list[Path], codes_file: Path
) -> None:
    import_codes(library, codes_file)
    store_template(library, "Kyiv shoot", {
        "caption": {"value": "({seq:02}) {filename}, =kv=, {date:%d %B %Y}.", "mode": "append"},
        "credit_line": {"value": "=ufa=", "mode": "replace"},
        "headline": {"value": "{creator} in {city}", "mode": "replace"},
    })
    import_photos(library, shoot, template="Kyiv shoot")
    first, second = stored(library)
    assert first.caption == "Frame 1 (01) DSC_0001, Kyiv, 01 March 2026."
    assert second.caption == "Frame 2 (02) DSC_0002, Kyiv, 01 March 2026."
    assert first.credit_line == "Ukrinform"
    assert first.headline == "Olena Kovalenko in Kyiv"
    assert first.creator == "Olena Kovalenko"  # not ticked: left as the file said


def test_an_unknown_template_is_refused_before_any_file_is_read(library: Library, shoot: list[Path]) -> None:
    with pytest.raises(ValidationError, match="no ingest template named 'Nope'"):
        import_photos(library, shoot, template="Nope")
    assert stored(library) == []


def test_a_template_with_a_bad_variable_is_not_stored(library: Library) -> None:
    with pytest.raises(ValidationError, match=r"caption: .*unknown placeholder \{town\}"):
        store_template(library, "Bad", {"caption": {"value": "{town}", "mode": "replace"}})
    assert ingest_templates(library) == []


def test_a_template_is_stored_in_the_library_with_its_modes(library: Library) -> None:
    store_template(library, "Wire", {"source": {"value": "AP", "mode": "replace"},
                                     "caption": {"value": "=kv=", "mode": "append"}})
    template = template_named(library, "Wire")
    assert list(template.fields) == ["caption", "source"]
    assert template.fields["caption"].mode == "append"


def test_codes_are_expanded_in_inspector_edits_and_batch_edits(
    library: Library, shoot: list[Path], codes_file: Path
) -> None:
    import_codes(library, codes_file)
    import_photos(library, shoot)
    first, second = stored(library)
    saved = save_photo_fields(library, first.id, {"caption": "Rally in =kv=, =ua=", "city": "=kv="})
    assert saved.values == {"caption": "Rally in Kyiv, Ukraine", "city": "Kyiv"}
    apply_batch(library, [first.id, second.id], {"credit_line": "=ufa="}, template="{seq}. {city}, =ua=")
    assert [(p.credit_line, p.caption) for p in stored(library)] == [
        ("Ukrinform", "1. Kyiv, Ukraine"), ("Ukrinform", "2. Kyiv, Ukraine")
    ]


def test_the_code_list_exports_as_photo_mechanic_s_file(library: Library, codes_file: Path, tmp_path: Path) -> None:
    assert import_codes(library, codes_file) == 3
    out = tmp_path / "out.txt"
    assert export_codes(library, out) == 3
    assert out.read_text(encoding="utf-8") == "kv\tKyiv\nua\tUkraine\nufa\tUkrinform\n"


def test_a_bad_code_file_changes_nothing(library: Library, codes_file: Path, tmp_path: Path) -> None:
    import_codes(library, codes_file)
    bad = tmp_path / "bad.txt"
    bad.write_text("kv\tKyiv\nno tab here\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="bad.txt: line 2"):
        import_codes(library, bad)
    out = tmp_path / "out.txt"
    assert export_codes(library, out) == 3
