"""What the command line prints: escaped user data, validated limits, one line for any failure."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_commands import write
from tests.command_line import workstation
from workstation.cli import main
from workstation.cli.terminal import printable

ESCAPES = "\x1b]0;owned\x07\x1b[2J\u202e"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Two stories about the ferry, imported by the real command."""
    for slug in ("ferry-one", "ferry-two"):
        write(tmp_path / "in" / f"{slug}.md", f"---\ntitle: Ferry {slug}\nslug: {slug}\nstatus: published\n---\nThe ferry ran.\n")
    path = tmp_path / "lib.wslib"
    assert workstation("import", path, tmp_path / "in").returncode == 0
    return path


def plant(library: Path, sql: str, *values: object) -> None:
    """Write into the file behind Workstation's back, as a library received from elsewhere may hold anything."""
    with sqlite3.connect(library) as connection:
        connection.execute(sql, values)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("plain", "plain"),
        ("two\nlines", "two\\nlines"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("cr\rtab\t", "cr\\rtab\\t"),
        ("bidi\u202eoverride\u2066", "bidi\\u202eoverride\\u2066"),
        ("c1\x85 sep\u2028", "c1\\x85 sep\\u2028"),
        ("undecodable byte \udcff", "undecodable byte \\xff"),
        ("Київ — “ok” 𝄞", "Київ — “ok” 𝄞"),
    ],
)
def test_printable_spells_out_what_a_terminal_would_act_on(text, shown):
    assert printable(text) == shown


def test_search_prints_a_headline_with_escape_sequences_as_text(library: Path) -> None:
    plant(library, "UPDATE articles SET headline = ? WHERE slug = 'ferry-one'", f"Ferry{ESCAPES}")
    result = workstation("search", library, "ferry")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "Ferry\\x1b]0;owned\\x07\\x1b[2J\\u202e" in result.stdout


def test_check_prints_findings_as_text(library: Path) -> None:
    plant(library, "UPDATE articles SET slug = ? WHERE slug = 'ferry-one'", f"x{ESCAPES}\nworkstation: forged")
    result = workstation("check", library)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert not any(line.startswith("workstation: forged") for line in result.stdout.splitlines())
    assert "\\nworkstation: forged" in result.stdout


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "in" / "bad\nworkstation: imported 99 new articles.md", "---\ntitle: [unclosed\n---\n")
    result = workstation("import", tmp_path / "lib.wslib", bad)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("workstation: refused ")
    assert "bad\\nworkstation: imported 99 new articles.md" in lines[0]


@pytest.mark.parametrize("limit", ["0", "-1", "99999999999999999999", "1001", "ten", "1e3", ""])
def test_search_refuses_a_limit_outside_1_to_1000(library: Path, limit: str) -> None:
    result = workstation("search", library, "ferry", "--limit", limit)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "--limit" in result.stderr and "1 to 1000" in result.stderr
    assert result.stdout == ""


def test_search_with_a_limit_of_one_prints_one_hit(library: Path) -> None:
    result = workstation("search", library, "ferry", "--limit", "1")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1 and "no matches" not in result.stdout


def _raise(*args: object, **kwargs: object) -> None:
    raise RuntimeError("secret internal detail\nsecond line")


def test_an_unexpected_error_is_one_line_and_exit_2(
    library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WORKSTATION_DEBUG", raising=False)
    monkeypatch.setattr("workstation.cli.search.search", _raise)
    assert main(["search", str(library), "ferry"]) == 2
    err = capsys.readouterr().err
    assert err == "workstation: unexpected error (RuntimeError); set WORKSTATION_DEBUG=1 to see the details\n"


def test_the_debug_variable_shows_the_traceback(
    library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKSTATION_DEBUG", "1")
    monkeypatch.setattr("workstation.cli.search.search", _raise)
    assert main(["search", str(library), "ferry"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "secret internal detail" in err


WARN_THEN_SEARCH = """
import sys, warnings
import workstation.cli.search as command

def warn_then_find_nothing(*args, **kwargs):
    warnings.warn("Possible corrupt EXIF data", UserWarning)
    return []

command.search = warn_then_find_nothing
from workstation.cli import main
raise SystemExit(main(["search", sys.argv[1], "ferry"]))
"""


def test_python_warnings_never_reach_stderr(library: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("WORKSTATION_DEBUG", "PYTHONWARNINGS")}
    result = subprocess.run(
        [sys.executable, "-c", WARN_THEN_SEARCH, str(library)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0 and result.stderr == ""
