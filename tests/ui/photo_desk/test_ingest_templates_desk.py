"""The import dialog's template, the template editor, code replacements as typed, live ingest, credentials shown."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QDialogButtonBox

from tests.c2pa_signing import SIGNER_NAME, sign
from workstation.editing.ingest_setup import import_codes, store_template, template_named
from workstation.editing.photos import photo_details
from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes
from workstation.ui.photo_desk import PhotoDesk
from workstation.ui.photo_desk.ingest_dialog import TemplateDialog

from .conftest import ImageMaker


def store_signed(library: Library) -> tuple[int, bytes]:
    """A photo signed with Content Credentials, stored; its id and its bytes."""
    data = BytesIO()
    Image.new("RGB", (320, 240), (30, 90, 160)).save(data, "JPEG")
    signed = sign(data.getvalue())
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(signed, "signed.jpg"))
        return photo.id, signed


def captions(library: Library) -> list[str]:
    with library.session() as session:
        return sorted(photo.caption for photo in session.query(Photo))


def test_the_import_dialog_imports_with_the_chosen_template(
    qtbot, desk: PhotoDesk, library: Library, make_image: ImageMaker
) -> None:
    store_template(library, "Kyiv", {"caption": {"value": "{filename} in Kyiv", "mode": "replace"}})
    path = make_image("frame.jpg")
    desk.open_import_dialog()
    dialog = desk.ingest_dialog
    assert [dialog.template_combo.itemText(i) for i in range(dialog.template_combo.count())] == ["No template", "Kyiv"]
    dialog.set_paths([path])
    dialog.template_combo.setCurrentIndex(1)
    with qtbot.waitSignal(desk.import_finished, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert captions(library) == ["frame in Kyiv"]
    assert desk.template_name == "Kyiv"


def test_the_template_editor_stores_ticked_fields_with_their_mode(qtbot, library: Library) -> None:
    dialog = TemplateDialog(library)
    qtbot.addWidget(dialog)
    dialog.name_combo.setCurrentText("Wire")
    qtbot.keyClicks(dialog.values["caption"], "Photo: {creator}")
    dialog.modes["caption"].setCurrentIndex(dialog.modes["caption"].findData("append"))
    assert dialog.checks["caption"].isChecked()
    assert dialog.save()
    template = template_named(library, "Wire")
    assert template.fields["caption"].value == "Photo: {creator}"
    assert template.fields["caption"].mode == "append"


def test_the_template_editor_says_why_a_template_is_refused(qtbot, library: Library) -> None:
    dialog = TemplateDialog(library)
    qtbot.addWidget(dialog)
    dialog.name_combo.setCurrentText("Bad")
    qtbot.keyClicks(dialog.values["city"], "{town}")
    assert not dialog.save()
    assert "unknown placeholder {town}" in dialog.status.text()


def test_a_code_typed_in_the_inspector_becomes_its_text(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int], tmp_path: Path
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("kv\tKyiv\n", encoding="utf-8")
    import_codes(library, codes)
    desk.reload_settings()
    photo = store("a.jpg")
    desk.refresh()
    desk.select_photos([photo])
    city = desk.inspector.field("city")
    city.setFocus()
    qtbot.keyClicks(city, "=kv=")
    assert city.text() == "Kyiv"
    caption = desk.inspector.field("caption")
    caption.setFocus()
    qtbot.keyClicks(caption, "Rally in =kv=, today")
    assert caption.toPlainText() == "Rally in Kyiv, today"
    assert desk.inspector.save()
    assert photo_details(library, photo).fields.values["city"] == "Kyiv"


def test_photos_dropped_into_a_watched_folder_appear_in_the_grid(
    qtbot, desk: PhotoDesk, library: Library, tmp_path: Path
) -> None:
    store_template(library, "Tether", {"source": {"value": "Studio", "mode": "replace"}})
    folder = tmp_path / "tether"
    folder.mkdir()
    desk.template_name = "Tether"
    desk.watch(folder)
    assert desk.stop_watch_button.isVisible()
    try:
        qtbot.wait(300)
        partial = tmp_path / "frame.jpg"
        Image.new("RGB", (300, 200), (200, 80, 20)).save(partial, "JPEG")
        shutil.move(partial, folder / "frame.jpg")
        qtbot.waitUntil(lambda: desk.model.total() == 1, timeout=30_000)
    finally:
        desk.stop_watching()
    qtbot.waitUntil(lambda: desk.last_watch is not None, timeout=30_000)
    assert len(desk.last_watch.photos) == 1
    with library.session() as session:
        assert [p.source for p in session.query(Photo)] == ["Studio"]
    assert not desk.stop_watch_button.isVisible()


def test_watching_a_missing_folder_says_so(desk: PhotoDesk, tmp_path: Path) -> None:
    desk.watch(tmp_path / "no-card")
    assert "Not watching" in desk.status_label.text()
    assert not desk.stop_watch_button.isVisible()


def test_the_inspector_shows_who_signed_the_photo(desk: PhotoDesk, library: Library) -> None:
    photo_id, _ = store_signed(library)
    desk.refresh()
    desk.select_photos([photo_id])
    text = desk.inspector.credentials_label.text()
    assert f"Signed by: {SIGNER_NAME}" in text
    assert "Made with: Test Camera App 2.1" in text
    assert "valid (the signer is not on a trust list)" in text
    assert desk.inspector.credentials_label.isVisible()


def test_export_originals_says_a_signed_original_was_kept_byte_for_byte(
    qtbot, desk: PhotoDesk, library: Library, tmp_path: Path
) -> None:
    photo_id, signed = store_signed(library)
    with qtbot.waitSignal(desk.export_finished, timeout=30_000) as blocker:
        desk.export_originals([photo_id], tmp_path)
    assert blocker.args[0].written[0].read_bytes() == signed
    assert "1 with Content Credentials kept byte for byte" in desk.status_label.text()


def test_the_grid_knows_which_photos_carry_content_credentials(qtbot, desk: PhotoDesk, library: Library) -> None:
    photo_id, _ = store_signed(library)
    desk.refresh()
    qtbot.waitUntil(lambda: desk.model.summary_of(photo_id) is not None, timeout=5_000)
    assert desk.model.summary_of(photo_id).signed


def test_return_in_the_import_dialog_chooses_files_first_then_imports(
    desk: PhotoDesk, make_image: ImageMaker
) -> None:
    desk.open_import_dialog()
    dialog = desk.ingest_dialog
    assert dialog.files_button.isDefault()
    dialog.set_paths([make_image("frame.jpg")])
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isDefault()
    assert not dialog.files_button.isDefault()
