"""Batch editing a selection through the dialog, and originals exported for a partner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.photo_desk import PhotoDesk

from .conftest import read_tags


def record(library: Library, photo_id: int) -> Photo:
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        session.expunge(photo)
        return photo


def select(desk: PhotoDesk, ids: list[int]) -> None:
    desk.refresh()
    desk.select_photos(ids)
    assert sorted(desk.selected_ids()) == sorted(ids)


def test_batch_edit_applies_the_ticked_credit_to_every_selected_photo(
    desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    chosen = [
        store("a.jpg", {"IPTC:By-line": "Ann"}),
        store("b.jpg", {"IPTC:By-line": "Bo"}),
    ]
    other = store("c.jpg")
    select(desk, chosen)
    desk.open_batch_edit()
    dialog = desk.batch_dialog
    dialog.checks["credit_line"].setChecked(True)
    dialog.edits["credit_line"].setText("Pool via Reuters")
    dialog.apply_button.click()
    assert not dialog.isVisible()
    assert [record(library, p).credit_line for p in chosen] == ["Pool via Reuters"] * 2
    assert [record(library, p).creator for p in chosen] == ["Ann", "Bo"]
    assert record(library, other).credit_line == ""


def test_batch_caption_template_fills_each_photo_and_previews_the_first(
    desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    kyiv = store("a.jpg", {"IPTC:Caption-Abstract": "Trams", "IPTC:City": "Kyiv"})
    lviv = store("b.jpg", {"IPTC:Caption-Abstract": "Snow", "IPTC:City": "Lviv"})
    select(desk, [kyiv, lviv])
    desk.open_batch_edit()
    dialog = desk.batch_dialog
    dialog.template_check.setChecked(True)
    dialog.template_edit.setText("{city}: {caption}")
    assert dialog.sample_label.text().startswith("First photo becomes: ")
    dialog.apply_button.click()
    assert {record(library, kyiv).caption, record(library, lviv).caption} == {
        "Kyiv: Trams",
        "Lviv: Snow",
    }


def test_unknown_placeholder_keeps_the_dialog_open_and_changes_nothing(
    desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", {"IPTC:Caption-Abstract": "Kept"})
    select(desk, [photo])
    desk.open_batch_edit()
    dialog = desk.batch_dialog
    dialog.checks["creator"].setChecked(True)
    dialog.edits["creator"].setText("New")
    dialog.template_check.setChecked(True)
    dialog.template_edit.setText("{town}: {caption}")
    dialog.apply_button.click()
    assert dialog.isVisible()
    assert "unknown placeholder {town}" in dialog.error_label.text()
    assert (record(library, photo).caption, record(library, photo).creator) == (
        "Kept",
        "",
    )


def test_batch_fields_offer_creators_already_in_the_library(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", {"IPTC:By-line": "Olena Petrenko"})
    select(desk, [photo])
    desk.open_batch_edit()
    completer = desk.batch_dialog.edits["creator"].completer()
    completer.setCompletionPrefix("pet")
    assert completer.currentCompletion() == "Olena Petrenko"


def test_exported_originals_carry_the_records_rights_and_lose_gps(
    qtbot,
    desk: PhotoDesk,
    library: Library,
    fixture_photos: Path,
    tmp_path: Path,
    run_import: Callable,
) -> None:
    report = run_import([fixture_photos / "GPS.jpg"])
    [photo] = report.photos
    with library.transaction() as session:
        stored = session.get(Photo, photo)
        stored.caption = "Радіовежа над містом"
        stored.credit_line = "FreeFoto via Workstation"
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(desk.export_finished, timeout=30_000) as blocker:
        desk.export_originals([photo], out)
    [written] = blocker.args[0].written
    assert written == out / "GPS.jpg"
    tags = read_tags(
        written, "IPTC:Caption-Abstract", "XMP-dc:Description", "IPTC:Credit", "GPS:all"
    )
    assert (
        tags["IPTC:Caption-Abstract"]
        == tags["XMP-dc:Description"]
        == "Радіовежа над містом"
    )
    assert "FreeFoto via Workstation" in str(tags["IPTC:Credit"])
    assert not any(key.startswith("GPS:") for key in tags)


def test_exported_original_keeps_gps_only_when_asked(
    qtbot, desk: PhotoDesk, fixture_photos: Path, tmp_path: Path, run_import: Callable
) -> None:
    [photo] = run_import([fixture_photos / "GPS.jpg"]).photos
    with qtbot.waitSignal(desk.export_finished, timeout=30_000) as blocker:
        desk.export_originals([photo], tmp_path, keep_gps=True)
    [written] = blocker.args[0].written
    assert "GPS:GPSLatitude" in read_tags(written, "GPS:GPSLatitude")


def test_export_never_overwrites_a_file_already_in_the_folder(
    qtbot, desk: PhotoDesk, fixture_photos: Path, tmp_path: Path, run_import: Callable
) -> None:
    [photo] = run_import([fixture_photos / "IPTC.jpg"]).photos
    (tmp_path / "IPTC.jpg").write_bytes(b"partner's own file")
    with qtbot.waitSignal(desk.export_finished, timeout=30_000) as blocker:
        desk.export_originals([photo], tmp_path)
    assert blocker.args[0].written == [tmp_path / "IPTC-2.jpg"]
    assert (tmp_path / "IPTC.jpg").read_bytes() == b"partner's own file"


def test_export_to_an_unwritable_folder_is_reported_per_photo(
    qtbot, desk: PhotoDesk, fixture_photos: Path, tmp_path: Path, run_import: Callable
) -> None:
    [photo] = run_import([fixture_photos / "IPTC.jpg"]).photos
    with qtbot.waitSignal(desk.export_finished, timeout=30_000) as blocker:
        desk.export_originals([photo], tmp_path / "gone")
    report = blocker.args[0]
    assert report.written == [] and report.failed[0][0] == "IPTC.jpg"
    assert "cannot be written" in desk.status_label.text()
