"""The site writer makes each folder once, however many files go into it, and writes whole files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workstation.publish.writer import SiteWriter, write_atomic


def test_files_written_into_one_folder_make_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = SiteWriter.open(tmp_path / "site")
    made: list[Path] = []
    mkdir = Path.mkdir

    def counted(self: Path, *args: object, **kwargs: object) -> None:
        made.append(self)
        mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", counted)
    for index in range(5):
        writer.put(f"images/photo-{index}.jpg", bytes([index]) * 100)
    writer.put("story/index.html", b"<p>story</p>")
    writer.finish()
    assert sorted(path.name for path in made if path.name != "site") == ["images", "story"]
    assert (tmp_path / "site" / "images" / "photo-4.jpg").read_bytes() == bytes([4]) * 100


def test_a_file_is_written_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024)
    write_atomic(tmp_path / "deep" / "file.bin", data)
    assert (tmp_path / "deep" / "file.bin").read_bytes() == data
    assert [path.name for path in (tmp_path / "deep").iterdir()] == ["file.bin"]


def test_a_folder_said_to_exist_is_not_made(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "file.bin", b"x", make_folder=False)
    assert not (tmp_path / "missing").exists()
