"""Paths to the packaging files, and skipping when a desktop tool is absent (shared by the packaging tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SAMPLE = ROOT / "resources" / "sample"
APP_ID = "io.github.workstation.Workstation"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def require_tool(name: str) -> str:
    """The tool's path; the test is skipped (not failed) on machines without it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (packaging/setup.sh --test installs it)")
    return path
