"""install-desktop.sh: a per-user menu entry, icons and MIME type, removable again."""

from __future__ import annotations

import configparser
import os
import stat
import subprocess
from pathlib import Path

from packaging_support import APP_ID, ICON_SIZES, PACKAGING, require_tool

SCRIPT = PACKAGING / "install-desktop.sh"


def fake_program(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "workstation"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def install(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env=env)


def installed_entry(data_home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(data_home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_writes_entry_metainfo_mime_and_every_icon(tmp_path: Path) -> None:
    data = tmp_path / "share"
    result = install(data, "--exec", str(fake_program(tmp_path / "bin")))
    assert result.returncode == 0, result.stderr
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (data / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()


def test_installed_entry_starts_the_given_program_by_absolute_path(tmp_path: Path) -> None:
    program = fake_program(tmp_path / "my programs")
    install(tmp_path / "share", "--exec", str(program))
    entry = installed_entry(tmp_path / "share")
    assert entry["Exec"] == f'"{program}" %f'
    assert entry["TryExec"] == str(program)


def test_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    tool = require_tool("desktop-file-validate")
    install(tmp_path / "share", "--exec", str(fake_program(tmp_path / "my programs")))
    result = subprocess.run([tool, str(tmp_path / "share" / "applications" / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_install_refreshes_the_mime_database_when_the_tool_exists(tmp_path: Path) -> None:
    require_tool("update-mime-database")
    install(tmp_path / "share", "--exec", str(fake_program(tmp_path / "bin")))
    globs = (tmp_path / "share" / "mime" / "globs2").read_text()
    assert "application/x-workstation-library:*.wslib" in globs


def test_uninstall_removes_what_install_put_there(tmp_path: Path) -> None:
    data = tmp_path / "share"
    install(data, "--exec", str(fake_program(tmp_path / "bin")))
    result = install(data, "--uninstall")
    assert result.returncode == 0
    assert not list(data.rglob(f"{APP_ID}*"))


def test_missing_program_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    result = install(tmp_path / "share", "--exec", str(tmp_path / "nowhere" / "workstation"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "is not an executable file" in result.stderr
    assert not (tmp_path / "share").exists()


def test_program_path_with_a_quote_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    program = fake_program(tmp_path / 'say "cheese"')
    result = install(tmp_path / "share", "--exec", str(program))
    assert result.returncode == 2
    assert "a menu entry cannot hold" in result.stderr
    assert not (tmp_path / "share").exists()


def test_unknown_option_is_refused_with_one_line(tmp_path: Path) -> None:
    result = install(tmp_path / "share", "--system-wide")
    assert result.returncode == 2
    assert result.stderr.strip() == "install-desktop.sh: unknown option --system-wide (try --help)"
