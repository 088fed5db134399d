"""``workstation check`` reads every house-style pattern however busy the machine, and keeps only what it read whole.

A house-style pattern runs under a time limit on the clock (an editor's
keystroke must not freeze on a careless pattern), on each text and on the
ordinary text the rules are tried on when read. A check on a busy machine
once ran out of the keystroke's limits, left a rule (or all of them) out
without a word, and kept that reading for every later check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.library.conftest import sql, write
from workstation.cli import main
from workstation.content import house_style
from workstation.content.house_style import DEFAULT_RULES, parse_rules
from workstation.publish.preflight import HOUSE_STYLE_KEY
from workstation.publish.preflight_facts import text_facts

DOUBLED = "article ferry: house style: “the”, not “the the” (a word twice in a row)"


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    """One published story with a word twice in a row (a pattern of the default house style), imported."""
    write(tmp_path / "in" / "olena.md", "---\ntype: author\nname: Olena Koval\nslug: olena\n---\nCovers transport.\n")
    write(tmp_path / "in" / "ferry.md",
          "---\ntitle: Ferry returns\nslug: ferry\nstatus: published\nauthors: olena\n---\nThe ferry crossed the the river.\n")
    path = tmp_path / "lib.wslib"
    assert main(["import", str(path), str(tmp_path / "in")]) == 0
    return path


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    main(["check", str(path)])
    return capsys.readouterr().out.splitlines()


def _kept(path: Path) -> list[tuple]:
    return sql(path, "SELECT house_style FROM preflight_facts")


def test_a_check_slower_than_a_keystroke_still_reads_every_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = parse_rules(DEFAULT_RULES)
    # As if every pattern took longer than the editor's limit (a loaded machine): preflight does not go by it.
    monkeypatch.setattr(house_style, "PATTERN_TIMEOUT_S", 0)
    facts = text_facts("Ferry returns", "", "The ferry crossed the the river.\n", rules)
    assert facts.house_style == DOUBLED.removeprefix("article ferry: ")
    assert facts.settled


def test_a_check_slower_than_a_keystroke_still_reads_the_rules(
    library_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the rules' trial on ordinary text took longer than the editor allows (a loaded machine): the check
    # neither refuses the rules nor keeps a reading without them.
    monkeypatch.setattr(house_style, "PATTERN_TIMEOUT_S", 0)
    assert _check(library_path, capsys) == [DOUBLED]
    assert _kept(library_path) == [(DOUBLED.removeprefix("article ferry: "),)]


def test_a_pattern_given_up_on_is_said_and_its_reading_not_kept(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Quick on ordinary text, so the rules are accepted; it backtracks for ever on a long run of x.
    sql(library_path, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", HOUSE_STYLE_KEY,
        "patterns:\n  - pattern: '(x|xx)+z'\n    note: x before z\n")
    sql(library_path, "UPDATE articles SET body = ? WHERE slug = 'ferry'", "The ferry crossed " + "x" * 40 + ".\n")
    for _ in range(2):  # nothing kept: the next check reads the text again
        assert _check(library_path, capsys) == [
            "article ferry: house style: the pattern “(x|xx)+z” was not checked (it took over 1 s on this text)"
        ]
        assert _kept(library_path) == []
