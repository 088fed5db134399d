"""The one import pipeline: which files a folder gives, one report, slugs that collide within a batch."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sqlalchemy import select

from tests.library.conftest import article_md, jpeg_bytes, write
from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.library.import_sources import IMAGES_ONLY, expand_paths
from workstation.library.importer import import_paths
from workstation.library.models import Article, Author
from workstation.photos.ingest import ingest_files


def headlines(library: Library) -> dict[str, str]:
    with library.session() as session:
        return {a.slug: a.headline for a in session.scalars(select(Article))}


# --- which files ---------------------------------------------------------------------


def test_a_heic_file_in_a_folder_is_refused_with_the_reason_not_skipped(library: Library, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    report = import_paths(library, [tmp_path / "in"])
    assert report.skipped == []
    assert [r.reason for r in report.refused] == [
        "HEIC files cannot be imported; save it as JPEG, PNG, WebP, GIF or TIFF"
    ]


def test_the_photo_desk_takes_only_the_images_of_a_dropped_folder(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "Text.\n")
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "b.heic").write_bytes(b"")
    report = ImportReport()
    files = expand_paths([tmp_path], report, IMAGES_ONLY)
    assert [p.name for p in files.images] == ["a.jpg", "b.heic"] and files.markdown == []
    assert report.skipped == [tmp_path / "notes.md"]


def test_a_markdown_file_dropped_on_the_photo_desk_is_refused_by_name(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", "Text.\n")
    report = ImportReport()
    expand_paths([notes], report, IMAGES_ONLY)
    assert [(r.path, r.reason) for r in report.refused] == [(notes, "not an image (JPEG, PNG, WebP, GIF, TIFF)")]


def test_decoding_ahead_returns_every_result_in_file_order(tmp_path: Path) -> None:
    paths = []
    for index in range(5):
        path = tmp_path / f"{index}.jpg"
        path.write_bytes(jpeg_bytes(seed=index) if index != 2 else b"not a picture")
        paths.append(path)
    results = list(ingest_files(paths, workers=2))
    assert [path for path, _ in results] == paths
    assert [type(result).__name__ for _, result in results] == [
        "IngestedImage", "IngestedImage", "ImageRefused", "IngestedImage", "IngestedImage"]


def test_the_report_counts_files_already_in_the_library(library: Library, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes())
    first = import_paths(library, [tmp_path / "a.jpg"])
    second = import_paths(library, [tmp_path / "a.jpg"])
    assert second.duplicates == [(tmp_path / "a.jpg", first.photos[0])] and second.photo_ids == first.photos
    assert second.summary().endswith("; 1 image already in the library")
    assert (second.total, second.landed) == (1, 1)


# --- slugs colliding within one batch ------------------------------------------------


def test_two_files_with_one_slug_in_different_normal_forms_are_a_collision(library: Library, tmp_path: Path) -> None:
    first = write(tmp_path / "a.md", article_md(f"title: First\nslug: {unicodedata.normalize('NFC', 'Café')}"))
    second = write(tmp_path / "b.md", article_md(f"title: Second\nslug: {unicodedata.normalize('NFD', 'Café')}"))
    report = import_paths(library, [tmp_path])
    assert [r.path for r in report.refused] == [second]
    assert report.refused[0].reason.startswith(f"its slug 'cafe' is also that of {first} in this import")
    assert headlines(library) == {"cafe": "First"} and report.updated == []


def test_slugs_differing_only_in_case_are_a_collision(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.md", article_md("title: A\nslug: kyiv"))
    write(tmp_path / "b.md", article_md("title: B\nslug: KYIV"))
    report = import_paths(library, [tmp_path])
    assert [r.path.name for r in report.refused] == ["b.md"] and headlines(library) == {"kyiv": "A"}


def test_one_jekyll_post_name_in_two_folders_is_a_collision(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "2024" / "2024-03-01-flood.md", article_md("title: March"))
    write(tmp_path / "2025" / "2025-03-01-flood.md", article_md("title: A year on"))
    report = import_paths(library, [tmp_path])
    assert len(report.refused) == 1 and "2024-03-01-flood.md" in report.refused[0].reason
    assert headlines(library) == {"flood": "March"}


def test_titles_without_letters_collide_on_the_fallback_slug(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.md", article_md("title: 🎉\nslug: 🎉"))
    write(tmp_path / "b.md", article_md("title: Dot\nslug: ."))
    report = import_paths(library, [tmp_path])
    assert [r.path.name for r in report.refused] == ["b.md"] and headlines(library) == {"untitled": "🎉"}


def test_two_profiles_of_one_author_in_a_batch_are_a_collision(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntype: author\nname: Olena Koval\nslug: olena\n---\nFirst.\n")
    write(tmp_path / "b.md", "---\ntype: author\nname: Someone Else\nslug: OLENA\n---\nSecond.\n")
    report = import_paths(library, [tmp_path])
    assert [r.path.name for r in report.refused] == ["b.md"] and "its slug 'olena'" in report.refused[0].reason
    with library.session() as session:
        assert [(a.name, a.bio) for a in session.scalars(select(Author))] == [("Olena Koval", "First.")]


def test_reimporting_one_file_still_updates_its_article(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path / "a.md", article_md("title: Before\nslug: kyiv"))
    import_paths(library, [md])
    write(md, article_md("title: After\nslug: KYIV"))
    report = import_paths(library, [md])
    assert report.refused == [] and report.updated == ["kyiv"] and headlines(library) == {"kyiv": "After"}
