"""Helpers for running the command line in-process and as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.command_line import workstation

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m workstation ARGS`` as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "workstation", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="session")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo library made by the real command (in this process), shared read-only by the CLI tests."""
    path = tmp_path_factory.mktemp("cli-demo") / "demo.wslib"
    result = workstation("demo", path)
    assert result.returncode == 0, result.stderr
    return path
