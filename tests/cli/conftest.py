"""Running the command line as a real subprocess (``tests.command_line`` runs it in this process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m workstation ARGS`` as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "workstation", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )

