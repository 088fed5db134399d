"""The site writer's threads: the files, the journal and the errors are those of one thread writing alone."""

from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from tests.publish.test_parallel_export import add_stories, files
from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.publish import writer as writer_module
from workstation.publish.paths import JOURNAL_NAME, MANIFEST_NAME
from workstation.publish.rendercache import forget_rendered
from workstation.publish.site import export_site
from workstation.publish.writer import SiteWriter

FAILING_PAGE = "articles/bulk-007/index.html"


def fail_one_page(monkeypatch: pytest.MonkeyPatch, relpath: str) -> None:
    """The write of ``relpath`` fails as on a full disk; every other file is written."""
    write_atomic = writer_module.write_atomic

    def failing(path: Path, data: bytes, temp_name: str | None = None, *, make_folder: bool = True) -> None:
        if path.as_posix().endswith(relpath):
            raise OSError(errno.ENOSPC, "No space left on device")
        write_atomic(path, data, temp_name, make_folder=make_folder)

    monkeypatch.setattr(writer_module, "write_atomic", failing)


def test_a_write_that_fails_mid_export_fails_it_with_a_publish_error_naming_the_file(
    newsroom: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 20)
    fail_one_page(monkeypatch, FAILING_PAGE)
    with pytest.raises(PublishError, match=f"{FAILING_PAGE}: cannot be written .*no space left on device"):
        export_site(newsroom, tmp_path / "site", cache_dir=cache_dir, workers=1)


def test_a_write_that_fails_mid_export_leaves_only_whole_files_all_in_the_manifest(
    newsroom: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 20)
    fail_one_page(monkeypatch, FAILING_PAGE)
    site = tmp_path / "site"
    with pytest.raises(PublishError):
        export_site(newsroom, site, cache_dir=cache_dir, workers=1)
    manifest = json.loads((site / MANIFEST_NAME).read_text())["files"]
    on_disk = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and p.name != MANIFEST_NAME}
    assert not (site / FAILING_PAGE).exists() and FAILING_PAGE not in manifest
    assert on_disk == set(manifest) and "articles/bulk-000/index.html" in on_disk
    for relpath, entry in manifest.items():
        assert hashlib.sha256((site / relpath).read_bytes()).hexdigest() == entry["sha256"]


def test_the_export_after_a_failed_write_finishes_the_site(
    newsroom: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 20)
    fail_one_page(monkeypatch, FAILING_PAGE)
    with pytest.raises(PublishError):
        export_site(newsroom, tmp_path / "site", cache_dir=cache_dir, workers=1)
    monkeypatch.undo()
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir, workers=1)
    export_site(newsroom, tmp_path / "fresh", cache_dir=cache_dir, workers=1)
    assert files(tmp_path / "site") == files(tmp_path / "fresh")


def test_the_journal_names_each_file_before_the_file_appears(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    writer = SiteWriter.open(site)
    unannounced: list[str] = []
    replace = os.replace

    def checked(source: Path, target: Path) -> None:
        journaled = {json.loads(line).get("path") for line in (site / JOURNAL_NAME).read_text().splitlines()}
        relpath = Path(target).relative_to(site.resolve()).as_posix()
        if relpath.startswith("articles/") and relpath not in journaled:
            unannounced.append(relpath)
        replace(source, target)

    monkeypatch.setattr(os, "replace", checked)
    for number in range(40):
        writer.put(f"articles/story-{number}/index.html", f"<p>{number}</p>".encode())
    writer.finish()
    assert unannounced == []
    assert (site / "articles" / "story-39" / "index.html").read_bytes() == b"<p>39</p>"


def test_pages_are_byte_identical_with_one_writer_thread_or_several(
    newsroom: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(newsroom, 40)
    monkeypatch.setattr(writer_module, "WRITE_THREADS", 0)
    alone = export_site(newsroom, tmp_path / "alone", cache_dir=cache_dir)
    forget_rendered(newsroom)
    monkeypatch.setattr(writer_module, "WRITE_THREADS", 4)
    several = export_site(newsroom, tmp_path / "several", cache_dir=cache_dir)
    assert files(tmp_path / "several") == files(tmp_path / "alone")
    assert (len(several.written), several.unchanged) == (len(alone.written), alone.unchanged)
    assert several.written == alone.written


def test_a_file_put_twice_holds_the_second_bytes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = SiteWriter.open(site)
    first.put("page.html", b"first")
    first.finish()
    again = SiteWriter.open(site)
    for number in range(30):
        again.put("page.html", f"version {number}".encode())
    again.finish()
    assert (site / "page.html").read_bytes() == b"version 29"
    assert json.loads((site / MANIFEST_NAME).read_text())["files"]["page.html"]["size"] == len(b"version 29")


def test_the_bytes_waiting_for_a_thread_stay_within_the_backlog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size, backlog = 10_000, 50_000
    monkeypatch.setattr(writer_module, "WRITE_BACKLOG", backlog)
    handed = written = most = 0
    lock = threading.Lock()
    write_atomic = writer_module.write_atomic

    def slow(path: Path, data: bytes, temp_name: str | None = None, *, make_folder: bool = True) -> None:
        nonlocal written, most
        with lock:
            most = max(most, handed - written)
        time.sleep(0.002)
        write_atomic(path, data, temp_name, make_folder=make_folder)
        with lock:
            written += len(data)

    monkeypatch.setattr(writer_module, "write_atomic", slow)
    writer = SiteWriter.open(tmp_path / "site")
    for number in range(60):
        with lock:
            handed += size
        writer.put(f"files/{number}.bin", bytes([number]) * size)
    writer.finish()
    assert 0 < most <= backlog + size
    assert len(list((tmp_path / "site" / "files").iterdir())) == 60


def test_the_writer_leaves_no_thread_once_settled_or_finished(tmp_path: Path) -> None:
    before = threading.active_count()
    writer = SiteWriter.open(tmp_path / "site")
    for number in range(20):
        writer.put(f"a/{number}.html", b"x" * 1000)
    writer.settle()
    settled = threading.active_count()
    writer.put("b.html", b"y")
    writer.finish()
    assert settled == before == threading.active_count()
    assert (tmp_path / "site" / "b.html").read_bytes() == b"y"


def _child() -> None:
    os._exit(0)


def test_the_writers_threads_have_ended_and_written_everything_when_the_process_forks(tmp_path: Path) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the platform does not fork")
    before = threading.active_count()
    writer = SiteWriter.open(tmp_path / "site")
    for number in range(50):
        writer.put(f"a/{number}/index.html", b"x" * 5000)
    child = multiprocessing.get_context("fork").Process(target=_child)
    child.start()
    after_fork = threading.active_count()
    child.join()
    assert after_fork == before
    assert len(list((tmp_path / "site" / "a").glob("*/index.html"))) == 50
    writer.finish()


def test_a_file_put_after_the_export_ended_is_refused_at_once(tmp_path: Path) -> None:
    writer = SiteWriter.open(tmp_path / "site")
    writer.put("a.html", b"a")
    writer.finish()
    with pytest.raises(PublishError, match="already ended"):
        writer.put("b.html", b"b")
    assert not (tmp_path / "site" / "b.html").exists()
