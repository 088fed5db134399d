"""Hostile files in an import: only regular files of bounded size are read, and images only from the folders imported."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import event, func, select

from tests.library.conftest import article_md, jpeg_bytes, write
from workstation.library.database import Library
from workstation.library.importer import import_paths
from workstation.library.models import Article, Author, Photo
from workstation.photos.ingest import MAX_IMAGE_BYTES


def count(library: Library, model: type) -> int:
    with library.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 128).save(out, "PNG")
    return out.getvalue()


# --- only regular files ---------------------------------------------------------


def test_a_link_in_a_folder_leading_out_of_it_is_refused(library: Library, tmp_path: Path) -> None:
    outside = tmp_path / "private" / "secret.jpg"
    outside.parent.mkdir()
    outside.write_bytes(jpeg_bytes())
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "innocent.jpg").symlink_to(outside)
    report = import_paths(library, [folder])
    assert [r.path.name for r in report.refused] == ["innocent.jpg"]
    assert all("outside the imported folder" in r.reason for r in report.refused)
    assert count(library, Photo) == 0


def test_links_in_a_loop_are_refused_as_unreadable(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").symlink_to("a.md")
    (folder / "b.jpg").symlink_to("c.jpg")
    (folder / "c.jpg").symlink_to("b.jpg")
    report = import_paths(library, [folder])
    assert sorted(r.path.name for r in report.refused) == ["a.md", "b.jpg", "c.jpg"]
    assert all(r.reason == "cannot be read (Too many levels of symbolic links)" for r in report.refused)


def test_a_sparse_5_gb_image_is_refused_by_its_size_before_it_is_read(library: Library, tmp_path: Path) -> None:
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1024**3)
    [refusal] = import_paths(library, [huge]).refused
    assert refusal.reason == "the file is too large for an image (5.0 GB; the limit is 200.0 MB)"
    assert MAX_IMAGE_BYTES == 200 * 1024 * 1024


def test_a_sparse_markdown_file_over_the_cap_is_refused_by_its_size(library: Library, tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1024**3)
    [refusal] = import_paths(library, [huge]).refused
    assert "too large for an article (5.0 GB" in refusal.reason


# --- images named by front matter and bodies ------------------------------------------


def test_an_absolute_image_path_outside_the_folder_is_refused_naming_the_article(library: Library, tmp_path: Path) -> None:
    private = tmp_path / "Pictures" / "private.jpg"
    private.parent.mkdir()
    private.write_bytes(jpeg_bytes())
    md = write(tmp_path / "story" / "a.md", article_md(f"title: A\nimage: {private}"))
    report = import_paths(library, [tmp_path / "story"])
    assert [r.path for r in report.refused] == [md]
    assert str(private) in report.refused[0].reason and "outside the folders being imported" in report.refused[0].reason
    assert (count(library, Article), count(library, Photo)) == (0, 0)


def test_an_image_outside_the_folder_is_accepted_when_named_on_the_command_line(library: Library, tmp_path: Path) -> None:
    private = tmp_path / "Pictures" / "chosen.jpg"
    private.parent.mkdir()
    private.write_bytes(jpeg_bytes())
    write(tmp_path / "story" / "a.md", article_md(f"title: A\nimage: {private}"))
    report = import_paths(library, [tmp_path / "story", private])
    assert report.refused == [] and report.articles == ["a"]


def test_a_relative_image_path_climbing_out_of_the_folder_is_refused(library: Library, tmp_path: Path) -> None:
    (tmp_path / "outside.jpg").write_bytes(jpeg_bytes())
    md = write(tmp_path / "story" / "a.md", article_md("title: A", "![x](../outside.jpg)\n"))
    [refusal] = import_paths(library, [tmp_path / "story"]).refused
    assert refusal.path == md and "'../outside.jpg' is outside the folders being imported" in refusal.reason


def test_an_image_reached_through_a_link_leading_out_of_the_folder_is_refused(library: Library, tmp_path: Path) -> None:
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "face.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "pics").symlink_to(tmp_path / "private")
    write(tmp_path / "story" / "a.md", article_md("title: A\nimage: pics/face.jpg"))
    [refusal] = import_paths(library, [tmp_path / "story"]).refused
    assert "outside the folders being imported" in refusal.reason
    assert count(library, Photo) == 0


def test_an_avatar_outside_the_folder_is_refused(library: Library, tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "me.jpg").write_bytes(jpeg_bytes())
    write(tmp_path / "authors" / "olena.md", f"---\ntype: author\nname: Olena\navatar: {tmp_path / 'home' / 'me.jpg'}\n---\n")
    [refusal] = import_paths(library, [tmp_path / "authors"]).refused
    assert "avatar" in refusal.reason and "outside the folders being imported" in refusal.reason
    assert count(library, Author) == 0


# --- extreme shapes, warnings, names ----------------------------------------------------


@pytest.mark.parametrize("size", [(1, 70_000), (65_600, 1_320), (5_100, 100)])
def test_a_picture_whose_renditions_could_not_be_made_is_refused_at_import(
    library: Library, tmp_path: Path, size: tuple[int, int]
) -> None:
    strip = tmp_path / "strip.png"
    strip.write_bytes(png(*size))
    [refusal] = import_paths(library, [strip]).refused
    assert refusal.reason.startswith(f"the picture's shape cannot be published ({size[0]}×{size[1]};")
    assert count(library, Photo) == 0


def test_a_panorama_of_50_to_1_is_accepted(library: Library, tmp_path: Path) -> None:
    wide = tmp_path / "pano.png"
    wide.write_bytes(png(5_000, 100))
    assert import_paths(library, [wide]).refused == []


def test_a_file_name_that_is_not_utf8_is_imported_under_a_readable_name(library: Library, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.jpg"), "wb") as handle:
        handle.write(jpeg_bytes())
    with open(os.path.join(folder, b"r\xe9sum\xe9.md"), "wb") as handle:
        handle.write(b"Text.\n")
    report = import_paths(library, [tmp_path])
    assert report.refused == []
    with library.session() as session:
        assert session.scalars(select(Photo.original_filename)).one() == "caf\\xe9.jpg"
        assert session.scalars(select(Article.slug)).one() == "r-xe9sum-xe9"


# --- a full disk ----------------------------------------------------------------------------


def test_a_full_disk_stops_the_batch_with_one_plain_line(library: Library, tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"p{index}.jpg").write_bytes(jpeg_bytes(640, 480, seed=index))
    library.engine.dispose()
    with library.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    library.engine.dispose()
    event.listen(library.engine, "connect", lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"))
    report = import_paths(library, [tmp_path])
    assert report.stopped == "no space left on device"
    assert [r.reason for r in report.refused] == ["no space left on device"]
    assert report.progress_line() == "0 of 3 files imported; nothing half-written"


def test_a_database_error_is_one_plain_line_without_sql(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path / "a.md", article_md("title: A"))
    library.engine.dispose()
    event.listen(library.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout = 100"))
    other = sqlite3.connect(library.path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        report = import_paths(library, [md])
    finally:
        other.rollback()
        other.close()
    assert [(r.path, r.reason) for r in report.refused] == [(md, "could not be stored (database is locked)")]
