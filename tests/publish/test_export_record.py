"""The record a finished export leaves vouches for an unchanged folder without the manifest, and for nothing else."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.publish.fresh_export import PAGE, child_export
from workstation.cli import main
from workstation.library.changes import read_marker
from workstation.library.database import open_library
from workstation.library.models import Article
from workstation.publish import export_record
from workstation.publish.paths import CURRENT_NAME, JOURNAL_NAME, MANIFEST_NAME
from workstation.publish.stamp import current_site, export_stamp
from workstation.publish.writer import SiteWriter

pytestmark = pytest.mark.usefixtures("shared_cache")


@pytest.fixture
def site(library_file: Path, tmp_path: Path) -> Path:
    """A folder two exports wrote (the first gives the library its id, a write of its own)."""
    folder = tmp_path / "site"
    export(library_file, folder)
    export(library_file, folder)
    return folder


def export(library: Path, site: Path) -> None:
    assert main(["export", str(library), str(site)]) == 0


def is_current(library: Path, site: Path) -> bool:
    return current_site(library, site, base_url=None, drafts=False) is not None


def vouches(site: Path) -> bool:
    found = export_record.read(site)
    return found is not None and export_record.unchanged(site, found)


def record_again(site: Path) -> None:
    """Record the folder as it is now, as a finished export would."""
    found = export_record.read(site)
    assert found is not None
    files = json.loads((site / MANIFEST_NAME).read_text())["files"]
    export_record.record(site, files, stamp=found.stamp, articles=found.articles, release=found.release,
                         temp_name=".ws-0123456789abcdef.part", mode=0o644)
    assert vouches(site)


def site_files(site: Path) -> list[str]:
    return sorted(json.loads((site / MANIFEST_NAME).read_text())["files"])


def one_file_a_folder(site: Path) -> list[str]:
    """One file of the site in each of its folders, the top folder included."""
    chosen: dict[str, str] = {}
    for relpath in site_files(site):
        chosen.setdefault(relpath.rpartition("/")[0], relpath)
    return sorted(chosen.values())


def test_a_finished_export_leaves_a_record_that_vouches_for_the_folder(site: Path) -> None:
    assert vouches(site)


def test_an_unchanged_export_does_not_read_the_manifest_when_the_record_vouches(library_file: Path, site: Path) -> None:
    manifest = site / MANIFEST_NAME
    before = manifest.stat()
    # Garbage of the same length, in place, with the time put back: only reading the manifest can tell.
    with open(manifest, "r+b") as stream:
        stream.write(b"\x00" * before.st_size)
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert child_export(library_file, site) == ("0", "-")


def edit_an_article(library: Path) -> None:
    with open_library(library) as opened, opened.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().body = "A new first paragraph."


def test_a_changed_library_is_told_from_the_record_without_reading_the_manifest(library_file: Path, site: Path) -> None:
    edit_an_article(library_file)
    manifest = site / MANIFEST_NAME
    before = manifest.stat()
    old = json.loads(manifest.read_text())["stamp"]
    new = export_stamp(read_marker(library_file), base_url=None, drafts=False)
    # The changed library's stamp put into the manifest in place, its time put back: only reading it can tell.
    manifest.write_bytes(manifest.read_bytes().replace(old.encode(), new.encode()))
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert manifest.stat().st_ino == before.st_ino and manifest.stat().st_size == before.st_size
    assert not is_current(library_file, site)


def test_a_record_of_an_earlier_manifest_leaves_the_answer_to_the_manifest(library_file: Path, site: Path) -> None:
    earlier = (site / CURRENT_NAME).read_bytes()
    edit_an_article(library_file)
    export(library_file, site)
    # What an export whose record could not be written leaves: the record of the export before it.
    (site / CURRENT_NAME).write_bytes(earlier)
    assert is_current(library_file, site)


@pytest.mark.parametrize("change", ["add", "delete", "rename away", "replace by rename"])
def test_a_change_to_any_folder_of_the_site_stops_the_record_vouching(site: Path, change: str) -> None:
    for relpath in one_file_a_folder(site):
        path = site / relpath
        data = path.read_bytes()
        if change == "add":
            (path.parent / "added-by-hand.txt").write_text("mine")
        elif change == "delete":
            path.unlink()
        elif change == "rename away":
            path.rename(path.with_name("renamed-by-hand"))
        else:
            # The same bytes, so the same size: the full check would not see it, the record does.
            (path.parent / "replacement").write_bytes(data)
            (path.parent / "replacement").replace(path)
        assert not vouches(site), (change, relpath)
        for extra in ("added-by-hand.txt", "renamed-by-hand"):
            (path.parent / extra).unlink(missing_ok=True)
        path.write_bytes(data)
        record_again(site)


@pytest.mark.parametrize("change", ["delete", "rename"])
@pytest.mark.parametrize("relpath", ["index.html", str(PAGE)])
def test_a_page_deleted_or_renamed_is_noticed_and_written_again(
    library_file: Path, site: Path, change: str, relpath: str
) -> None:
    page = site / relpath
    expected = page.read_bytes()
    if change == "delete":
        page.unlink()
    else:
        page.rename(page.with_name("moved.html"))
    assert not is_current(library_file, site)
    export(library_file, site)
    assert page.read_bytes() == expected
    assert vouches(site) and is_current(library_file, site)


def test_a_folder_added_to_is_checked_in_full_and_found_current(library_file: Path, site: Path) -> None:
    (site / PAGE).with_name("notes.txt").write_text("mine")
    assert not vouches(site)
    assert is_current(library_file, site)


def test_an_export_that_starts_takes_the_record_away(library_file: Path, site: Path) -> None:
    writer = SiteWriter.open(site)
    # What a kill -9 at this point leaves: a journal, and no record.
    assert (site / JOURNAL_NAME).is_file() and not (site / CURRENT_NAME).exists()
    assert not is_current(library_file, site)
    writer.abandon()
    assert not (site / CURRENT_NAME).exists()


def test_a_killed_export_is_never_current_even_beside_its_old_record(library_file: Path, site: Path) -> None:
    (site / JOURNAL_NAME).write_text(json.dumps({"format": "workstation-journal/1"}) + "\n")
    assert export_record.read(site) is not None
    assert child_export(library_file, site)[1] != "-"
    assert not (site / JOURNAL_NAME).exists()


def _reshape(field: str, value: object) -> Callable[[dict[str, object]], object]:
    def change(payload: dict[str, object]) -> object:
        payload[field] = value
        return payload

    return change


def _folder(name: str) -> Callable[[dict[str, object]], object]:
    def change(payload: dict[str, object]) -> object:
        folders = payload["folders"]
        assert isinstance(folders, dict)
        folders[name] = [1, 1]
        return payload

    return change


HOSTILE: dict[str, Callable[[dict[str, object]], object]] = {
    "not an object": lambda payload: [payload],
    "another format": _reshape("format", "workstation-current/99"),
    "stamp not text": _reshape("stamp", 7),
    "articles not a number": _reshape("articles", "5"),
    "files a boolean": _reshape("files", True),
    "folders a list": _reshape("folders", []),
    "folder state of text": _reshape("folders", {"articles": ["1", "2"]}),
    "manifest state too short": _reshape("manifest", [1, 2]),
    "top file not a site file": _reshape("top", {"../../etc/passwd": [1, 2, 3]}),
    "folder above the site": _folder("../elsewhere"),
    "folder by absolute path": _folder("/tmp"),
    "folder climbing out": _folder("articles/../../elsewhere"),
    "hidden folder": _folder("articles/.git"),
    "empty folder name": _folder("articles//river-rises"),
}


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A folder of three files with a genuine record, made without an export (the shapes below need no more)."""
    folder = tmp_path / "small"
    (folder / PAGE).parent.mkdir(parents=True)
    for relpath in (MANIFEST_NAME, "index.html", str(PAGE)):
        (folder / relpath).write_text("x")
    export_record.record(folder, ["index.html", str(PAGE)], stamp="stamp", articles=1, release="",
                         temp_name=".record-temp", mode=0o644)
    assert export_record.read(folder) is not None
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_record_of_the_wrong_shape_is_not_read(small_site: Path, name: str) -> None:
    record = small_site / CURRENT_NAME
    record.write_text(json.dumps(HOSTILE[name](json.loads(record.read_text()))))
    assert export_record.read(small_site) is None


def test_a_record_not_read_leaves_the_export_to_the_full_check(library_file: Path, site: Path) -> None:
    record = site / CURRENT_NAME
    record.write_text(json.dumps(HOSTILE["folder above the site"](json.loads(record.read_text()))))
    (site / PAGE).unlink()
    assert not is_current(library_file, site)
    export(library_file, site)
    assert (site / PAGE).is_file() and vouches(site)


@pytest.mark.parametrize("data", [b"{not json", b"", b"\xff\xfe garbage", b"[" * 100_000 + b"]" * 100_000])
def test_a_damaged_record_is_ignored(library_file: Path, site: Path, data: bytes) -> None:
    (site / CURRENT_NAME).write_bytes(data)
    assert export_record.read(site) is None
    assert is_current(library_file, site)
    (site / PAGE).unlink()
    assert not is_current(library_file, site)


def test_a_record_over_the_size_limit_is_not_read(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (site / CURRENT_NAME).stat().st_size
    monkeypatch.setattr(export_record, "CURRENT_LIMIT", size - 1)
    assert export_record.read(site) is None


def test_a_link_in_place_of_the_record_is_not_followed(library_file: Path, site: Path, tmp_path: Path) -> None:
    genuine = tmp_path / "genuine.json"
    (site / CURRENT_NAME).rename(genuine)
    (site / CURRENT_NAME).symlink_to(genuine)
    assert export_record.read(site) is None
    (site / PAGE).unlink()
    export(library_file, site)
    assert not (site / CURRENT_NAME).is_symlink() and vouches(site)


