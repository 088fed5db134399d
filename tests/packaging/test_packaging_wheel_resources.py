"""A plain ``pip install .`` (a wheel, not editable) must carry every resource file."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_data_files_cover_every_resource_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    shipped = {path.resolve() for patterns in data_files.values() for pattern in patterns for path in ROOT.glob(pattern)}
    wanted = {
        path.resolve()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert wanted - shipped == set()


def test_each_resource_folder_lands_under_share_workstation_with_its_own_name() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for target, patterns in config["tool"]["setuptools"]["data-files"].items():
        for pattern in patterns:
            assert target == "share/workstation/" + str(Path(pattern).parent)
