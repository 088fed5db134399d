"""``workstation export`` into a folder that is already right finishes at once, and only then."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.publish.fresh_export import PAGE, child_export
from workstation.cli import main
from workstation.library.database import open_library
from workstation.library.models import Article
from workstation.publish.paths import JOURNAL_NAME, MANIFEST_NAME
from workstation.publish.writer import JOURNAL_HEADER

pytestmark = pytest.mark.usefixtures("shared_cache")


def export(library: Path, site: Path, *options: str) -> None:
    """Run ``workstation export`` in this process."""
    assert main(["export", str(library), str(site), *options]) == 0


def test_an_unchanged_library_is_recognised_before_loading_anything_heavy(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)  # the first export gave the library its id, a write of its own
    assert child_export(library_file, site) == ("0", "-")


def test_an_unchanged_export_reports_nothing_written(
    library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    page = site / PAGE
    before = page.stat().st_mtime_ns
    capsys.readouterr()
    export(library_file, site)
    out = capsys.readouterr().out
    assert "5 articles exported" in out and ": 0 files written" in out
    assert page.stat().st_mtime_ns == before


def test_a_write_the_export_never_saw_is_exported(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    connection = sqlite3.connect(library_file)
    with connection:
        connection.execute("UPDATE articles SET headline = 'Edited behind the app''s back' WHERE slug = 'river-rises'")
    connection.close()
    assert child_export(library_file, site)[1] != "-"
    assert "Edited behind the app" in (site / PAGE).read_text()


def test_an_edit_through_the_library_is_exported(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    with open_library(library_file) as library, library.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().body = "A new first paragraph."
    export(library_file, site)
    assert "A new first paragraph." in (site / PAGE).read_text()


def test_a_file_deleted_from_the_folder_is_written_again(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    (site / PAGE).unlink()
    export(library_file, site)
    assert (site / PAGE).is_file()


def test_other_options_are_not_taken_for_an_unchanged_export(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    export(library_file, site, "--base-url", "https://news.example.org/")
    assert "https://news.example.org/articles/river-rises/" in (site / PAGE).read_text()
    export(library_file, site, "--base-url", "https://news.example.org/", "--drafts")
    assert (site / "articles" / "a-draft" / "index.html").is_file()


def test_a_manifest_without_a_stamp_is_never_taken_for_current(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    manifest = json.loads((site / MANIFEST_NAME).read_text())
    assert manifest["stamp"]
    del manifest["stamp"]
    (site / MANIFEST_NAME).write_text(json.dumps(manifest))
    assert child_export(library_file, site)[1] != "-"


def test_a_folder_a_killed_export_left_is_never_taken_for_current(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    # What a kill -9 leaves: the journal of the export that was writing.
    (site / JOURNAL_NAME).write_text(json.dumps(JOURNAL_HEADER) + "\n")
    assert child_export(library_file, site)[1] != "-"
    assert not (site / JOURNAL_NAME).exists()


def test_an_export_that_left_a_photo_out_is_not_stamped(library_file: Path, tmp_path: Path) -> None:
    # Bytes that match their checksum but are no image: the export goes on without the photo.
    connection = sqlite3.connect(library_file)
    with connection:
        for (photo_id,) in connection.execute("SELECT id FROM photos").fetchall():
            data = b"\xff\xd8\xff\xe0 not a picture " + str(photo_id).encode()
            connection.execute("DELETE FROM photo_originals WHERE photo_id = ? AND seq > 0", (photo_id,))
            connection.execute("UPDATE photo_originals SET data = ? WHERE photo_id = ?", (data, photo_id))
            connection.execute("UPDATE photos SET sha256 = ?, size_bytes = ? WHERE id = ?",
                               (hashlib.sha256(data).hexdigest(), len(data), photo_id))
    connection.close()
    site = tmp_path / "site"
    export(library_file, site)
    export(library_file, site)
    assert "stamp" not in json.loads((site / MANIFEST_NAME).read_text())
