"""The export writes only inside OUTDIR, only into a folder it may use, and only whole files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from site_helpers import fail_writes

from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish import writer as writer_module
from workstation.publish.paths import MANIFEST_NAME, inside
from workstation.publish.site import export_site


def test_a_dot_dot_slug_stays_inside_the_output_folder(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="theatre-reopens").one().slug = "../../x"
    outdir = tmp_path / "deep" / "site"
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert not (tmp_path / "x").exists() and not (tmp_path / "deep" / "x").exists()
    assert (outdir / "articles" / "x" / "index.html").is_file()
    for path in tmp_path.rglob("*"):
        assert outdir in path.parents or path == outdir or cache_dir in path.parents or path.suffix in (
            ".wslib", ".wslib-wal", ".wslib-shm"
        ) or path.name.startswith("test.wslib") or path in (tmp_path / "deep",)


@pytest.mark.parametrize("relpath", ["../x", "/etc/passwd", "a/../../x", "", "."])
def test_paths_escaping_the_folder_are_refused(tmp_path: Path, relpath: str) -> None:
    with pytest.raises(PublishError, match="outside the output folder"):
        inside(tmp_path, relpath)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "articles").symlink_to(tmp_path)
    with pytest.raises(PublishError, match="outside the output folder"):
        inside(tmp_path / "site", "articles/x/index.html")


def test_non_empty_folder_without_our_manifest_is_refused(newsroom: Library, tmp_path: Path) -> None:
    outdir = tmp_path / "Documents"
    outdir.mkdir()
    (outdir / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(PublishError, match="not empty"):
        export_site(newsroom, outdir)
    assert [p.name for p in outdir.iterdir()] == ["thesis.docx"]


def test_damaged_manifest_is_refused_with_a_clear_error(newsroom: Library, tmp_path: Path) -> None:
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / MANIFEST_NAME).write_text("{not json")
    with pytest.raises(PublishError, match="manifest is damaged"):
        export_site(newsroom, outdir)


def test_hostile_manifest_cannot_make_the_export_delete_outside(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    outdir = tmp_path / "site"
    outdir.mkdir()
    manifest = {"format": "workstation-site/1", "files": {"../victim.txt": {"sha256": "0", "size": 7}}}
    (outdir / MANIFEST_NAME).write_text(json.dumps(manifest))
    export_site(newsroom, outdir, cache_dir=cache_dir)
    assert victim.read_text() == "keep me"


def test_a_file_where_the_folder_should_be_is_refused(newsroom: Library, tmp_path: Path) -> None:
    outdir = tmp_path / "site"
    outdir.write_text("a file")
    with pytest.raises(PublishError, match="not a folder"):
        export_site(newsroom, outdir)


def test_a_base_url_that_is_not_http_is_refused(newsroom: Library, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="base URL"):
        export_site(newsroom, tmp_path / "site", base_url="javascript:alert(1)")
    assert not (tmp_path / "site").exists()


def test_interrupted_write_leaves_the_old_page_and_no_temporary_file(
    export: Callable[..., Path], newsroom: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = export()
    page = site / "articles" / "river-rises" / "index.html"
    old = page.read_bytes()
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().body = "Rewritten entirely."

    fail_writes(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        export()
    assert page.read_bytes() == old
    assert not list(site.rglob("*.part"))


def test_cancel_stops_the_export_with_whole_files_only(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(PublishError, match="cancelled"):
        export_site(newsroom, tmp_path / "site", cache_dir=cache_dir, cancel=cancel)
    assert not list((tmp_path / "site").rglob("*.part"))
    manifest = json.loads((tmp_path / "site" / MANIFEST_NAME).read_text())
    written = {str(p.relative_to(tmp_path / "site")) for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert written - {MANIFEST_NAME} <= set(manifest["files"])
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)


def test_progress_reports_every_step_up_to_the_total(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir, progress=lambda d, t, _label: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))


def test_huge_garbage_manifest_is_refused_with_a_clear_error(newsroom: Library, tmp_path: Path) -> None:
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / MANIFEST_NAME).write_bytes(b"\xff\xfe" + b"\x00garbage" * 1_000_000)
    with pytest.raises(PublishError, match="manifest is damaged"):
        export_site(newsroom, outdir)
    assert sorted(p.name for p in outdir.iterdir()) == [MANIFEST_NAME]


def test_manifest_of_another_program_is_refused(newsroom: Library, tmp_path: Path) -> None:
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / MANIFEST_NAME).write_text(json.dumps({"format": "something-else", "files": {}}))
    with pytest.raises(PublishError, match="not a Workstation export manifest"):
        export_site(newsroom, outdir)


def test_huge_fields_export_whole(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    with newsroom.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        article.headline = "Flood " * 20_000
        article.body = ("A long paragraph of reporting. " * 200 + "\n\n") * 300
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    html = (tmp_path / "site" / "articles" / "river-rises" / "index.html").read_text()
    assert html.rstrip().endswith("</html>")
    assert "min read" in html


def test_damaged_photo_original_stops_the_export_with_one_line(newsroom: Library, tmp_path: Path) -> None:
    from workstation.errors import WorkstationError
    from workstation.library.models import PhotoOriginal

    with newsroom.transaction() as session:
        for original in session.query(PhotoOriginal):
            original.data = original.data[:100]
    with pytest.raises(WorkstationError, match="damaged") as caught:
        export_site(newsroom, tmp_path / "site", cache_dir=tmp_path / "empty-cache")
    assert "\n" not in str(caught.value)
    assert not list((tmp_path / "site").rglob("*.part"))


def test_a_file_in_folders_that_do_not_exist_yet_is_written_whole_with_no_temporary_left(tmp_path: Path) -> None:
    target = tmp_path / "site" / "articles" / "new-story" / "index.html"
    writer_module.write_atomic(target, b"<!DOCTYPE html>")
    assert target.read_bytes() == b"<!DOCTYPE html>"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]
