"""``workstation export LIBRARY OUTDIR --format ninjs``, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT
from tests.command_line import workstation
from tests.ninjs_schema import documents, ninjs_errors

BASE = "https://courier.example.org/"


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def demo_copy(demo_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the demo: an export stores its render cache and id in the library,
    and the session's demo is shared read-only."""
    target = tmp_path_factory.mktemp("ninjs-demo") / "demo.wslib"
    shutil.copyfile(demo_library, target)
    return target


@pytest.fixture(scope="module")
def demo_ninjs(demo_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo library exported once as ninjs by the real command; (folder, what it printed)."""
    outdir = tmp_path_factory.mktemp("demo-ninjs") / "out"
    result = workstation("export", demo_copy, outdir, "--format", "ninjs", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return outdir, result.stdout


def test_every_document_of_the_demo_library_validates(demo_ninjs: tuple[Path, str]) -> None:
    outdir, printed = demo_ninjs
    found = documents(outdir)
    index = found.pop("ninjs/index.json")
    assert len(found) == len(index["associations"]) >= 5
    assert ninjs_errors(index) == []
    for relpath, document in found.items():
        assert ninjs_errors(document) == [], relpath
    assert printed.startswith(f"{len(found)} articles exported to {outdir}")


def test_the_demo_articles_say_how_partners_may_use_them(demo_ninjs: tuple[Path, str]) -> None:
    outdir, _ = demo_ninjs
    items = [d for relpath, d in documents(outdir).items() if relpath.startswith("ninjs/items/")]
    assert {d["usageTerms"] for d in items} == {
        "Partners may republish unchanged, with the byline. Demo material of the Workstation project."
    }
    assert {d["copyrightNotice"] for d in items} == {"© 2026 The Millbrook Courier"}


def test_the_demo_photos_and_video_are_associations(demo_ninjs: tuple[Path, str]) -> None:
    outdir, _ = demo_ninjs
    kinds = [a["type"] for d in documents(outdir).values() for a in d.get("associations", [])]
    assert "picture" in kinds and "video" in kinds


def test_exporting_again_writes_nothing(demo_copy: Path, demo_ninjs: tuple[Path, str]) -> None:
    outdir, _ = demo_ninjs
    result = workstation("export", demo_copy, outdir, "--format", "ninjs", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    assert ": 0 files written" in result.stdout and "0 removed" in result.stdout


def test_an_outdir_that_is_a_file_exits_two_and_changes_nothing(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    before = demo_copy.read_bytes()
    result = workstation("export", demo_copy, target, "--format", "ninjs", "--base-url", BASE)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not a folder" in result.stderr
    assert target.read_text() == "mine"
    assert listing(tmp_path) == ["notes.txt"]
    assert demo_copy.read_bytes() == before


def test_a_file_that_is_no_library_exits_two_and_writes_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "holiday.wslib"
    fake.write_bytes(b"not a library at all" * 100)
    result = workstation("export", fake, tmp_path / "out", "--format", "ninjs", "--base-url", BASE)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert listing(tmp_path) == ["holiday.wslib"]


def test_without_a_base_url_it_exits_two_and_writes_nothing(demo_copy: Path, tmp_path: Path) -> None:
    result = workstation("export", demo_copy, tmp_path / "out", "--format", "ninjs")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--base-url" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("extra", [["--drafts"], ["--single-file", "--article", "night-train-returns"]])
def test_options_ninjs_cannot_honour_exit_two(demo_copy: Path, tmp_path: Path, extra: list[str]) -> None:
    result = workstation("export", demo_copy, tmp_path / "out", "--format", "ninjs", "--base-url", BASE, *extra)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "ninjs" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_site_export_into_the_ninjs_folder_exits_two_and_leaves_it(
    demo_copy: Path, demo_ninjs: tuple[Path, str]
) -> None:
    outdir, _ = demo_ninjs
    before = listing(outdir)
    result = workstation("export", demo_copy, outdir, "--base-url", BASE)
    assert result.returncode == 2
    assert "ninjs export, not a site one" in result.stderr
    assert listing(outdir) == before


def test_documents_are_readable_by_the_web_server(demo_ninjs: tuple[Path, str]) -> None:
    outdir, _ = demo_ninjs
    index = outdir / "ninjs" / "index.json"
    assert os.stat(index).st_mode & 0o044 == 0o044
    assert json.loads(index.read_text(encoding="utf-8"))["uri"] == BASE + "ninjs/index.json"


# Runs the command in a fresh interpreter and says which heavy modules it imported.
CHILD = """
import sys
from workstation.cli import main
status = main(sys.argv[1:])
heavy = [name for name in ("sqlalchemy", "markdown", "jinja2", "workstation.publish.ninjs") if name in sys.modules]
print(status, ",".join(heavy) or "-")
"""


def test_a_folder_already_right_is_recognised_before_anything_heavy_is_loaded(demo_copy: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["export", str(demo_copy), str(outdir), "--format", "ninjs", "--base-url", BASE]
    for _ in range(2):  # the first export gives the library its id, a write of its own
        assert workstation(*args).returncode == 0
    child = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=120, check=True)
    assert child.stdout.splitlines()[-1] == "0 -"
    # Another base URL is another export: not recognised as done.
    child = subprocess.run([sys.executable, "-c", CHILD, *args[:-1], "https://other.example.org/"], env=env,
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert child.stdout.splitlines()[-1] != "0 -"
