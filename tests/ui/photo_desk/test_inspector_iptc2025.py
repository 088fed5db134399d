"""The inspector edits the IPTC 2025 fields: imported, edited, and written back into exported originals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import select

from tests.ui.photo_desk.conftest import read_tags
from tests.ui.photo_desk.test_inspector import record, show
from workstation.editing.originals import export_originals
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.photo_desk import PhotoDesk

AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
TAGS = {
    "IPTC:By-line": "Ann Lee",
    "IPTC:Credit": "Harbour Agency",
    "XMP-iptcExt:DigitalSourceType": CAMERA,
    "XMP-iptcCore:AltTextAccessibility": "A ferry leaves the harbour",
    "XMP-xmpRights:WebStatement": "https://harbour.example/licence",
    "XMP-plus:LicensorURL": "https://harbour.example/buy",
}


def combo(desk: PhotoDesk, name: str) -> QComboBox:
    return desk.inspector._combos[name]


def choose(box: QComboBox, value: str) -> None:
    box.setCurrentIndex(box.findData(value))
    box.activated.emit(box.currentIndex())


def test_imported_iptc_2025_fields_are_shown(desk: PhotoDesk, store: Callable[..., int]) -> None:
    show(desk, store("a.jpg", TAGS))
    assert desk.inspector.field("alt_text").text() == "A ferry leaves the harbour"
    assert desk.inspector.field("web_statement").text() == "https://harbour.example/licence"
    assert desk.inspector.field("licensor_url").text() == "https://harbour.example/buy"
    assert combo(desk, "digital_source_type").currentText() == "Digital capture (camera)"
    assert combo(desk, "data_mining").currentText() == "House default"


def test_choosing_ai_generated_saves_the_iptc_code_and_labels_the_credit(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", TAGS)
    show(desk, photo)
    choose(combo(desk, "digital_source_type"), AI)
    assert desk.inspector.save()
    assert record(library, photo).digital_source_type == AI
    assert desk.inspector.credit_label.text() == "(Ann Lee/Harbour Agency)  ·  AI-generated image"


def test_a_licensor_that_is_no_web_address_is_not_saved(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", TAGS)
    show(desk, photo)
    line = desk.inspector.field("licensor_url")
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "javascript:alert(1)")
    assert not desk.inspector.save()
    assert desk.inspector.status_label.text().startswith("Not saved: licensor URL must be a web address")
    assert record(library, photo).licensor_url == "https://harbour.example/buy"


def test_import_edit_export_round_trip(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int], tmp_path: Path
) -> None:
    photo = store("a.jpg", TAGS)
    show(desk, photo)
    choose(combo(desk, "data_mining"), "http://ns.useplus.org/ldf/vocab/DMI-ALLOWED")
    long_text = desk.inspector.field("extended_description")
    long_text.setFocus()
    long_text.insertPlainText("Three ferries, the nearest with its ramp down.")
    keywords = desk.inspector.field("keywords")
    keywords.setFocus()
    qtbot.keyClicks(keywords, "ferry; harbour")
    desk.search_edit.setFocus()
    QApplication.processEvents()
    assert desk.inspector.save()
    (tmp_path / "out").mkdir()
    export_originals(library, [photo], tmp_path / "out")
    found = read_tags(next((tmp_path / "out").glob("*.jpg")), "XMP:all", "IPTC:all")
    assert found["XMP-iptcExt:DigitalSourceType"] == CAMERA
    assert found["XMP-iptcCore:ExtDescrAccessibility"] == "Three ferries, the nearest with its ramp down."
    assert found["XMP-iptcCore:AltTextAccessibility"] == "A ferry leaves the harbour"
    assert found["XMP-dc:Subject"] == found["IPTC:Keywords"] == ["ferry", "harbour"]
    assert found["XMP-plus:LicensorURL"] == "https://harbour.example/buy"
    assert found["XMP-photoshop:Credit"] == found["IPTC:Credit"] == "Harbour Agency"
    with library.session() as session:
        assert session.scalars(select(Photo.data_mining)).one() == "http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"


def test_scrolling_the_form_over_a_combo_changes_nothing(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    """The wheel scrolls the inspector; it must not pick another source type on the way past."""
    photo = store("a.jpg", TAGS)
    show(desk, photo)
    box = combo(desk, "digital_source_type")
    desk.search_edit.setFocus()
    centre = QPointF(box.rect().center())
    for _ in range(5):
        event = QWheelEvent(centre, box.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(box, event)
    assert box.currentData() == CAMERA
    assert desk.inspector.save()
    assert record(library, photo).digital_source_type == CAMERA
