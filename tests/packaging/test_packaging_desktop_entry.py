"""The menu entry and the AppStream metadata: valid, and consistent with each other and the app."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET

from packaging_support import APP_ID, PACKAGING, require_tool

import workstation

DESKTOP = PACKAGING / "workstation.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / "workstation-library.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_passes_desktop_file_validate() -> None:
    tool = require_tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_desktop_entry_opens_the_file_it_is_given() -> None:
    assert desktop_entry()["Exec"].split() == ["workstation", "%f"]


def test_desktop_entry_claims_the_library_mime_type() -> None:
    declared = ET.parse(MIME).getroot().find(f"{MIME_NS}mime-type").get("type")
    assert desktop_entry()["MimeType"].rstrip(";").split(";") == [declared]


def test_desktop_entry_icon_is_the_app_id() -> None:
    assert desktop_entry()["Icon"] == APP_ID


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_tool("appstreamcli")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_launches_the_installed_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"


def test_metainfo_project_licence_is_gpl3_or_later() -> None:
    assert ET.parse(METAINFO).getroot().findtext("project_license") == "GPL-3.0-or-later"


def test_metainfo_newest_release_is_this_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases and releases[0].get("version") == workstation.__version__
    assert releases[0].find("description") is not None


def test_metainfo_screenshots_are_files_in_the_repository() -> None:
    urls = [image.text for image in ET.parse(METAINFO).getroot().iter("image")]
    assert len(urls) >= 2
    for url in urls:
        path = url.split("/main/", 1)[1]
        assert (PACKAGING.parent / path).is_file(), path


def test_metainfo_screenshots_are_small_pngs() -> None:
    for shot in (PACKAGING / "screenshots").glob("*.png"):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size < 300 * 1024, shot.name
