"""The *.wslib MIME type: a glob, SQLite's magic, and the library's own application_id."""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from packaging_support import PACKAGING, require_tool

from workstation import LIBRARY_SUFFIX
from workstation.library.database import open_library

MIME = PACKAGING / "workstation-library.xml"
NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
TYPE = "application/x-workstation-library"
APPLICATION_ID = 0x57534C42


def mime_type() -> ET.Element:
    return ET.parse(MIME).getroot().find(f"{NS}mime-type")


def magic_rules() -> list[tuple[int, list[ET.Element]]]:
    return [(int(m.get("priority")), list(m.iter(f"{NS}match"))) for m in mime_type().findall(f"{NS}magic")]


def test_mime_xml_declares_the_library_type_by_its_suffix() -> None:
    assert mime_type().get("type") == TYPE
    assert [g.get("pattern") for g in mime_type().findall(f"{NS}glob")] == [f"*{LIBRARY_SUFFIX}"]


def test_mime_xml_is_a_kind_of_sqlite_database() -> None:
    assert mime_type().find(f"{NS}sub-class-of").get("type") == "application/vnd.sqlite3"


def test_strongest_magic_is_sqlite_header_and_application_id_at_offset_68() -> None:
    priority, (header, app_id) = max(magic_rules(), key=lambda rule: rule[0])
    assert (header.get("offset"), header.get("value")) == ("0", "SQLite format 3\\000")
    assert (app_id.get("type"), app_id.get("offset")) == ("big32", "68")
    assert int(app_id.get("value"), 16) == APPLICATION_ID


def test_weaker_magic_falls_back_to_the_sqlite_header_alone() -> None:
    priority, matches = min(magic_rules(), key=lambda rule: rule[0])
    assert priority < max(p for p, _ in magic_rules())
    assert [(m.get("offset"), m.get("value")) for m in matches] == [("0", "SQLite format 3\\000")]


def closed_library(tmp_path: Path) -> Path:
    """A new library, closed so that its header is checkpointed out of the WAL into the file."""
    path = tmp_path / f"new{LIBRARY_SUFFIX}"
    open_library(path, create=True).close()
    return path


def test_a_new_library_file_carries_the_application_id_the_magic_names(tmp_path: Path) -> None:
    header = closed_library(tmp_path).read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert struct.unpack(">I", header[68:72])[0] == APPLICATION_ID


def content_type(path: Path, data_home: Path) -> str:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home), XDG_DATA_DIRS="/usr/local/share:/usr/share")
    out = subprocess.run([require_tool("gio"), "info", "-a", "standard::content-type", str(path)],
                         capture_output=True, text=True, env=env, check=True).stdout
    return out.strip().rsplit(": ", 1)[1]


def installed_mime_database(tmp_path: Path) -> Path:
    data_home = tmp_path / "share"
    (data_home / "mime" / "packages").mkdir(parents=True)
    (data_home / "mime" / "packages" / MIME.name).write_bytes(MIME.read_bytes())
    subprocess.run([require_tool("update-mime-database"), str(data_home / "mime")], check=True, capture_output=True)
    return data_home


def test_renamed_library_is_recognised_by_its_magic(tmp_path: Path) -> None:
    data_home = installed_mime_database(tmp_path)
    renamed = tmp_path / "library-without-suffix"
    closed_library(tmp_path).rename(renamed)
    assert content_type(renamed, data_home) == TYPE


def test_plain_sqlite_database_is_not_mistaken_for_a_library(tmp_path: Path) -> None:
    data_home = installed_mime_database(tmp_path)
    plain = tmp_path / "other.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("create table notes (text)")
    connection.close()
    assert content_type(plain, data_home) == "application/vnd.sqlite3"
