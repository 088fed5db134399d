"""The code version in every export stamp and preflight fact: new code, templates or bundle mean a new version."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import workstation
from workstation.publish import stamp


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small stand-in for the installed package and its resources, which ``code_version`` is made to read."""
    root = tmp_path / "install"
    (root / "workstation" / "publish").mkdir(parents=True)
    (root / "workstation" / "__init__.py").write_text('__version__ = "0.1.0"\n')
    (root / "workstation" / "publish" / "site.py").write_text("PAGES = 1\n")
    for folder, name, text in (("templates", "base.html", "<html>{{ body }}</html>"), ("static", "site.css", "p{}")):
        (root / "resources" / folder).mkdir(parents=True)
        (root / "resources" / folder / name).write_text(text)
    monkeypatch.setattr(workstation, "__file__", str(root / "workstation" / "__init__.py"))
    monkeypatch.setattr(stamp, "resource", lambda *parts: root.joinpath("resources", *parts))
    stamp.code_version.cache_clear()
    yield root
    stamp.code_version.cache_clear()


def version() -> str:
    stamp.code_version.cache_clear()
    return stamp.code_version()


def later(path: Path, nanoseconds: int = 1_000_000) -> None:
    """Move the file's modification time on, as saving it again does."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + nanoseconds))


def test_the_same_files_give_the_same_version(package: Path) -> None:
    assert version() == version()


def test_an_edited_source_file_gives_a_new_version(package: Path) -> None:
    source = package / "workstation" / "publish" / "site.py"
    before = version()
    source.write_text("PAGES = 2\n")
    later(source)
    assert version() != before


def test_a_source_file_saved_at_a_new_time_gives_a_new_version(package: Path) -> None:
    before = version()
    later(package / "workstation" / "publish" / "site.py")
    assert version() != before


def test_a_source_file_grown_within_the_same_tick_gives_a_new_version(package: Path) -> None:
    source = package / "workstation" / "publish" / "site.py"
    info = source.stat()
    before = version()
    source.write_text("PAGES = 10\n")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert version() != before


@pytest.mark.parametrize("change", ["added", "removed", "renamed"])
def test_a_source_file_added_removed_or_renamed_gives_a_new_version(package: Path, change: str) -> None:
    source = package / "workstation" / "publish" / "site.py"
    before = version()
    if change == "added":
        (package / "workstation" / "publish" / "feeds.py").write_text("")
    elif change == "removed":
        source.unlink()
    else:
        shutil.move(source, source.with_name("sites.py"))
    assert version() != before


def test_bytecode_and_other_files_beside_the_sources_do_not_enter(package: Path) -> None:
    before = version()
    (package / "workstation" / "publish" / "__pycache__").mkdir()
    (package / "workstation" / "publish" / "__pycache__" / "site.cpython-311.pyc").write_bytes(b"\x00" * 16)
    (package / "workstation" / "publish" / "notes.txt").write_text("mine")
    assert version() == before


def test_the_package_copied_with_its_times_elsewhere_has_the_same_version(package: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = version()
    copy = package.parent / "elsewhere"
    shutil.copytree(package, copy)  # copy2: times kept to the nanosecond, as an installer that keeps them does
    monkeypatch.setattr(workstation, "__file__", str(copy / "workstation" / "__init__.py"))
    monkeypatch.setattr(stamp, "resource", lambda *parts: copy.joinpath("resources", *parts))
    assert version() == before


@pytest.mark.parametrize("name", ["templates/base.html", "static/site.css"])
def test_a_template_or_static_file_changed_in_content_alone_gives_a_new_version(package: Path, name: str) -> None:
    path = package / "resources" / name
    info = path.stat()
    before = version()
    path.write_text(path.read_text().upper())
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert version() != before


def test_a_new_version_number_gives_a_new_version(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = version()
    monkeypatch.setattr(workstation, "__version__", "0.2.0")
    assert version() != before


def test_a_rebuilt_bundle_gives_a_new_version(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    executable = package / "workstation-bin"
    executable.write_bytes(b"\x7fELF bundle")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    before = version()
    executable.write_bytes(b"\x7fELF bundle built again")
    assert version() != before


def test_a_bundle_without_the_package_folder_still_has_a_version(package: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    executable = package / "workstation-bin"
    executable.write_bytes(b"\x7fELF bundle")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    shutil.rmtree(package / "workstation")
    monkeypatch.setattr(workstation, "__file__", str(package / "workstation" / "__init__.pyc"))
    assert len(version()) == 32
