"""The export's record of what it wrote: survives kill -9, cannot be forged into deleting, fits a full disk."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import fail_writes

from workstation.cli import main
from workstation.errors import PublishError
from workstation.library.database import Library, open_library
from workstation.library.models import Article
from workstation.publish import writer as writer_module
from workstation.publish.paths import CURRENT_NAME, JOURNAL_NAME, MANIFEST_NAME, is_site_path
from workstation.publish.site import export_site

ROOT = Path(__file__).resolve().parents[2]

KILLED_EXPORT = """
import os, signal, sys
from workstation.library.database import open_library
from workstation.publish.site import export_site

library = open_library(sys.argv[1])
stop_at = int(sys.argv[4])

def progress(done, total, label):
    if done == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)

export_site(library, sys.argv[2], cache_dir=sys.argv[3], progress=progress)
"""


@pytest.fixture
def library_file(newsroom: Library) -> Path:
    path = Path(newsroom.path)
    newsroom.close()
    return path


def kill_export_midway(library_file: Path, outdir: Path, cache_dir: Path, step: int = 3) -> None:
    """Run an export in another process and SIGKILL it after ``step`` progress steps."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_EXPORT, str(library_file), str(outdir), str(cache_dir), str(step)],
        cwd=ROOT, capture_output=True, timeout=120,
    )
    assert done.returncode == -9, done.stderr.decode()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plant_manifest(outdir: Path, files: dict[str, Path | None]) -> None:
    """A manifest in our format naming ``files``: with their real hash when a path is given, else a bogus one."""
    outdir.mkdir(exist_ok=True)
    entries = {
        name: {"sha256": sha(real), "size": real.stat().st_size} if real else {"sha256": "0" * 64, "size": 1}
        for name, real in files.items()
    }
    (outdir / MANIFEST_NAME).write_text(json.dumps({"format": "workstation-site/1", "files": entries}))


def test_an_export_killed_during_the_first_run_is_resumed_by_the_next(
    library_file: Path, tmp_path: Path, cache_dir: Path
) -> None:
    outdir = tmp_path / "site"
    kill_export_midway(library_file, outdir, cache_dir)
    assert (outdir / "articles").is_dir() and not (outdir / MANIFEST_NAME).exists()
    library = open_library(library_file)
    try:
        export_site(library, outdir, cache_dir=cache_dir)
    finally:
        library.close()
    manifest = json.loads((outdir / MANIFEST_NAME).read_text())
    on_disk = {str(p.relative_to(outdir)) for p in outdir.rglob("*") if p.is_file()}
    assert on_disk - {MANIFEST_NAME, CURRENT_NAME} == set(manifest["files"])
    assert not (outdir / JOURNAL_NAME).exists()


def test_a_page_written_only_by_a_killed_export_is_removed_once_unpublished(
    library_file: Path, tmp_path: Path, cache_dir: Path
) -> None:
    outdir = tmp_path / "site"
    kill_export_midway(library_file, outdir, cache_dir)
    written = sorted(p.parent.name for p in (outdir / "articles").glob("*/index.html"))
    assert written
    library = open_library(library_file)
    try:
        with library.transaction() as session:
            session.query(Article).filter_by(slug=written[0]).one().status = "draft"
        report = export_site(library, outdir, cache_dir=cache_dir)
    finally:
        library.close()
    assert f"articles/{written[0]}/index.html" in report.removed
    assert not (outdir / "articles" / written[0]).exists()


def test_a_planted_manifest_cannot_make_the_export_delete_the_files_it_lists(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    outdir = tmp_path / "Documents"
    outdir.mkdir()
    (outdir / "thesis.docx").write_bytes(b"four years of work")
    (outdir / "notes.txt").write_text("call the printer")
    plant_manifest(outdir, {"thesis.docx": None, "notes.txt": None})
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert (outdir / "thesis.docx").read_bytes() == b"four years of work"
    assert (outdir / "notes.txt").read_text() == "call the printer"


def test_a_planted_manifest_with_the_right_hashes_still_deletes_nothing_a_site_never_holds(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    outdir = tmp_path / "Documents"
    outdir.mkdir()
    (outdir / "thesis.docx").write_bytes(b"four years of work")
    (outdir / "notes").mkdir()
    (outdir / "notes" / "todo.txt").write_text("call the printer")
    plant_manifest(outdir, {"thesis.docx": outdir / "thesis.docx", "notes/todo.txt": outdir / "notes" / "todo.txt"})
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert (outdir / "thesis.docx").read_bytes() == b"four years of work"
    assert (outdir / "notes" / "todo.txt").read_text() == "call the printer"


def test_a_listed_page_whose_content_is_not_ours_is_kept(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    outdir = tmp_path / "site"
    page = outdir / "articles" / "my-own-page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>written by hand</p>")
    plant_manifest(outdir, {"articles/my-own-page/index.html": None})
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert page.read_text() == "<p>written by hand</p>"


def test_a_file_we_never_wrote_is_not_replaced(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    plant_manifest(outdir, {})
    with pytest.raises(PublishError, match="robots.txt: a file Workstation did not write is in the way"):
        export_site(newsroom, outdir, cache_dir=cache_dir)
    assert (outdir / "robots.txt").read_text() == "User-agent: *\nDisallow: /private/\n"


def test_a_link_planted_at_the_journal_is_not_followed(export, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = export()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (site / JOURNAL_NAME).symlink_to(victim)
    export()
    assert victim.read_text() == "keep me"
    assert not (site / JOURNAL_NAME).exists()


def test_every_exported_file_is_at_a_path_the_export_may_delete(export) -> None:  # type: ignore[no-untyped-def]
    site = export()
    records = (MANIFEST_NAME, CURRENT_NAME)
    stray = [str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and p.name not in records]
    assert stray and [path for path in stray if not is_site_path(path)] == []


def test_a_full_disk_stops_the_export_with_one_line_and_keeps_the_previous_site(
    library_file: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outdir = tmp_path / "site"
    assert main(["export", str(library_file), str(outdir)]) == 0
    # The record of the finished export goes (a failed one vouches for nothing); the site stays.
    before = {p: p.read_bytes() for p in outdir.rglob("*") if p.is_file() and p.name != CURRENT_NAME}
    library = open_library(library_file)
    with library.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().body = "Rewritten entirely."
    library.close()
    capsys.readouterr()
    fail_writes(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    assert main(["export", str(library_file), str(outdir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no space left on device" in err
    assert {p: p.read_bytes() for p in before} == before
    monkeypatch.undo()
    assert main(["export", str(library_file), str(outdir)]) == 0
    assert "Rewritten entirely." in (outdir / "articles" / "river-rises" / "index.html").read_text()
    assert not (outdir / JOURNAL_NAME).exists()


def test_a_journal_cut_short_while_being_created_is_taken_as_empty(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / JOURNAL_NAME).write_bytes(b'{"format": "workst')
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert (outdir / "articles" / "river-rises" / "index.html").is_file()
    assert not (outdir / JOURNAL_NAME).exists()


def test_a_journal_that_cannot_be_started_on_a_full_disk_is_not_left_behind(
    newsroom: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outdir = tmp_path / "site"

    def full(handle: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer_module.os, "write", full)
    with pytest.raises(PublishError, match="no space left on device"):
        export_site(newsroom, outdir, cache_dir=cache_dir)
    monkeypatch.undo()
    assert not (outdir / JOURNAL_NAME).exists()
    export_site(newsroom, outdir, cache_dir=cache_dir)


def journal_of_a_killed_export(site: Path, temps: dict[str, str]) -> None:
    """The journal an export leaves when killed while writing: each page with the temporary name it was writing."""
    lines = [json.dumps({"format": "workstation-journal/1"})]
    lines += [json.dumps({"path": page, "sha256": "0" * 64, "size": 1, "inputs": "", "temp": temp})
              for page, temp in temps.items()]
    (site / JOURNAL_NAME).write_text("\n".join(lines) + "\n")


def test_the_temporary_file_a_killed_export_was_writing_is_removed_by_the_next(export) -> None:  # type: ignore[no-untyped-def]
    site = export()
    leftover = site / "articles" / "river-rises" / ".ws-0123456789abcdef.part"
    leftover.write_bytes(b"<!DOCTYPE html><p>half a pa")
    journal_of_a_killed_export(site, {"articles/river-rises/index.html": leftover.name})
    export()
    assert not leftover.exists()


def test_a_journal_can_name_nothing_but_our_temporary_files_for_removal(export) -> None:  # type: ignore[no-untyped-def]
    site = export()
    folder = site / "articles" / "river-rises"
    (folder / "notes.txt").write_text("keep me")
    (folder / ".ws-fedcba9876543210.part").write_text("not named in any journal")
    journal_of_a_killed_export(site, {"articles/river-rises/index.html": "notes.txt",
                                      "articles/river-rises/x.html": "../../../victim.txt"})
    export()
    assert (folder / "notes.txt").read_text() == "keep me"
    assert (folder / ".ws-fedcba9876543210.part").exists()
