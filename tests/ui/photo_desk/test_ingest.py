"""Importing through the desk's import job: metadata lands, bad files are listed, duplicates reuse records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from workstation.library.database import Library
from workstation.library.models import Photo
from workstation.ui.jobs import Job
from workstation.ui.photo_desk import PhotoDesk, start_import

from .conftest import ImageMaker


def photos(library: Library) -> list[Photo]:
    with library.session() as session:
        found = list(session.query(Photo).order_by(Photo.id))
        session.expunge_all()
        return found


def test_iptc_only_image_lands_with_caption_creator_and_credit(
    library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    path = make_image(
        "iptc.jpg",
        {
            "IPTC:Caption-Abstract": "Queue for water",
            "IPTC:By-line": "Olena Petrenko",
            "IPTC:Credit": "Kyiv Photo Pool",
            "IPTC:City": "Kyiv",
        },
    )
    report = run_import([path])
    [photo] = photos(library)
    assert report.photos == [photo.id]
    assert (photo.caption, photo.creator, photo.credit_line, photo.city) == (
        "Queue for water",
        "Olena Petrenko",
        "Kyiv Photo Pool",
        "Kyiv",
    )


def test_xmp_only_image_lands_with_its_caption_and_rights(
    library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    path = make_image(
        "xmp.jpg",
        {
            "XMP-dc:Description": "Night train to Lviv",
            "XMP-dc:Creator": "Ivan Bondar",
            "XMP-photoshop:Credit": "Reuters",
            "XMP-xmpRights:UsageTerms": "Editorial use only",
        },
    )
    run_import([path])
    [photo] = photos(library)
    assert (photo.caption, photo.creator, photo.credit_line, photo.usage_terms) == (
        "Night train to Lviv",
        "Ivan Bondar",
        "Reuters",
        "Editorial use only",
    )


def test_when_iptc_and_xmp_disagree_the_xmp_caption_wins(
    library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    path = make_image(
        "both.jpg",
        {
            "IPTC:Caption-Abstract": "Stale wire caption",
            "XMP-dc:Description": "Corrected caption",
            "IPTC:Credit": "Wire",
            "XMP-photoshop:Credit": "Wire via Agency",
        },
    )
    run_import([path])
    [photo] = photos(library)
    assert (photo.caption, photo.credit_line) == (
        "Corrected caption",
        "Wire via Agency",
    )
    assert any(
        "Stale wire caption" in str(value) for value in photo.embedded_metadata.values()
    )


def test_cyrillic_caption_and_creator_land_intact(
    library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    path = make_image(
        "kyiv.jpg",
        {
            "IPTC:Caption-Abstract": "Черга по воду на Подолі",
            "IPTC:By-line": "Олена Петренко",
            "XMP-dc:Description": "Черга по воду на Подолі",
        },
    )
    run_import([path])
    [photo] = photos(library)
    assert (photo.caption, photo.creator) == (
        "Черга по воду на Подолі",
        "Олена Петренко",
    )


def test_real_camera_fixture_lands_with_its_embedded_credit(
    library: Library, fixture_photos: Path, run_import: Callable
) -> None:
    run_import([fixture_photos / "IPTC.jpg"])
    [photo] = photos(library)
    assert (photo.caption, photo.creator, photo.credit_line) == (
        "A witty caption",
        "Phil Harvey",
        "My Credit",
    )


def test_refused_files_are_listed_with_reasons_and_the_rest_land(
    desk: PhotoDesk,
    library: Library,
    make_image: ImageMaker,
    run_import: Callable,
    tmp_path: Path,
) -> None:
    good = make_image("good.jpg", {"IPTC:Caption-Abstract": "Good"})
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture at all")
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(make_image("whole.jpg").read_bytes()[:600])
    report = run_import([empty, good, text, truncated, tmp_path / "missing.jpg"])
    assert [p.caption for p in photos(library)] == ["Good"]
    assert [refusal.name for refusal in report.refused] == [
        "missing.jpg",
        "empty.jpg",
        "notes.jpg",
        "truncated.jpg",
    ]
    assert all(refusal.reason for refusal in report.refused)
    rows = dict(desk.result_dialog.rows())
    assert rows["empty.jpg"].startswith("Refused: ") and "empty" in rows["empty.jpg"]
    assert desk.result_dialog.isVisible()


def test_a_duplicate_reuses_the_record_and_is_reported_as_already_in_the_library(
    desk: PhotoDesk,
    library: Library,
    make_image: ImageMaker,
    run_import: Callable,
    tmp_path: Path,
) -> None:
    original = make_image("frame.jpg", {"IPTC:Caption-Abstract": "Frame"})
    first = run_import([original])
    copy = tmp_path / "frame-copy.jpg"
    shutil.copyfile(original, copy)
    second = run_import([copy])
    assert len(photos(library)) == 1
    assert second.photos == [] and second.duplicates == [(copy, first.photos[0])]
    assert "Already in the library" in dict(desk.result_dialog.rows())["frame-copy.jpg"]


def test_a_dropped_folder_imports_its_images(
    qtbot, desk: PhotoDesk, library: Library, make_image: ImageMaker
) -> None:
    folder = make_image("one.jpg").parent
    make_image("two.jpg")
    (folder / "readme.txt").write_text("captions to follow")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(desk.import_finished, timeout=30_000) as blocker:
        desk.dropEvent(event)
    assert sorted(p.original_filename for p in photos(library)) == [
        "one.jpg",
        "two.jpg",
    ]
    assert blocker.args[0].refused == []


def test_imported_photos_appear_in_the_grid(
    desk: PhotoDesk, make_image: ImageMaker, run_import: Callable
) -> None:
    run_import([make_image("a.jpg"), make_image("b.jpg")])
    assert desk.model.total() == 2
    assert desk.count_label.text() == "2 photos"


def run_job(qtbot, library: Library, paths: list[Path], on_step=None) -> object:
    """Start an import job the way the article editor does and wait for its report."""
    reports: list[object] = []
    job: Job = start_import(library, paths, on_done=reports.append, on_step=on_step)
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    assert job.ended
    return reports[0]


def test_cancel_keeps_what_landed_and_skips_the_rest(
    qtbot, library: Library, make_image: ImageMaker
) -> None:
    paths = [make_image(f"f{n}.jpg", size=(1600, 1200)) for n in range(40)]
    jobs: list[Job] = []
    reports: list[object] = []
    jobs.append(
        start_import(library, paths, on_done=reports.append, on_step=lambda _step: jobs[0].cancel())
    )
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    report = reports[0]
    assert report.cancelled and len(report.photos) == len(photos(library)) < 40


def test_import_job_reports_each_photo_id_for_the_article_editor(
    qtbot, library: Library, make_image: ImageMaker
) -> None:
    path = make_image("drop.jpg")
    landed: list[tuple[int, bool]] = []
    run_job(qtbot, library, [path], lambda step: landed.append((step.photo_id, step.is_new)))
    assert landed == [(photos(library)[0].id, True)]


def test_an_image_above_the_pixel_limit_is_refused_as_too_large(
    desk: PhotoDesk, library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    desk.max_pixels = 100 * 100
    report = run_import(
        [
            make_image("huge.jpg", size=(400, 300)),
            make_image("small.jpg", size=(80, 60)),
        ]
    )
    assert [p.original_filename for p in photos(library)] == ["small.jpg"]
    assert [refusal.name for refusal in report.refused] == ["huge.jpg"]


def test_a_read_only_library_refuses_every_file_and_stays_unchanged(
    qtbot, library: Library, make_image: ImageMaker
) -> None:
    from workstation.library.database import open_library

    readonly = open_library(library.path, readonly=True)
    report = run_job(qtbot, readonly, [make_image("a.jpg")])
    readonly.close()
    assert [(r.name, r.reason) for r in report.refused] == [("a.jpg", "the library is open read-only")]
    assert photos(library) == []


def test_after_an_import_the_new_shoot_is_selected_for_batch_captions(
    qtbot, desk: PhotoDesk, make_image: ImageMaker, run_import: Callable
) -> None:
    report = run_import([make_image("a.jpg"), make_image("b.jpg")])
    qtbot.waitUntil(
        lambda: sorted(desk.selected_ids()) == sorted(report.photos), timeout=3_000
    )
    assert desk.inspector.photo_id in report.photos


def test_report_lists_every_photo_in_file_order_for_inserting_dropped_files(
    library: Library, make_image: ImageMaker, run_import: Callable
) -> None:
    first = make_image("first.jpg")
    [old] = run_import([first]).photos
    report = run_import([make_image("second.jpg"), first, make_image("third.jpg")])
    assert report.photo_ids == [report.photos[0], old, report.photos[1]]
