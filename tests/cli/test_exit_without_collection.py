"""A command run as the program leaves its heap out of the cyclic collector as it ends.

The interpreter frees what is left as it exits; the collector's passes over
every object first cost a cold export 60-100 ms after its workers are gone,
with the other core idle. A caller's own process (``main`` given its
arguments, as a test or an embedding program does) keeps its collector.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.cli import EXIT_BAD_INPUT, main


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()


def test_a_command_run_as_the_program_freezes_what_is_left_as_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unfrozen: None
) -> None:
    monkeypatch.setattr(sys, "argv", ["workstation", "export", str(tmp_path / "missing.wslib"), str(tmp_path / "site")])
    assert main() == EXIT_BAD_INPUT
    assert gc.get_freeze_count() > 0


def test_a_command_run_by_a_caller_leaves_its_collector_alone(tmp_path: Path, unfrozen: None) -> None:
    assert main(["export", str(tmp_path / "missing.wslib"), str(tmp_path / "site")]) == EXIT_BAD_INPUT
    assert gc.get_freeze_count() == 0
