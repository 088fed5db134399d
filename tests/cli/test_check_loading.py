"""What ``workstation check`` of a library file loads: no ORM, no Markdown, no image library once its facts are kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import ROOT
from tests.command_line import workstation
from tests.library.conftest import sql

HEAVY = ("sqlalchemy", "markdown", "jinja2", "PIL", "workstation.library.models")

CHILD = """
import sys
from workstation.cli import main
status = main(sys.argv[1:])
print(status, ",".join(name for name in {names!r} if name in sys.modules) or "-")
"""


def _loaded(*args: str | Path) -> str:
    """The command's exit status and the heavy modules it imported, run in a fresh interpreter."""
    child = subprocess.run([sys.executable, "-c", CHILD.format(names=HEAVY), *map(str, args)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr[-2000:]
    return child.stdout.splitlines()[-1]


def _demo_with_photos_to_fix(demo_library: Path, tmp_path: Path) -> Path:
    """The demo library with no alt text on any photo: findings about photos and their shapes, not about texts."""
    path = tmp_path / "demo.wslib"
    shutil.copyfile(demo_library, path)
    sql(path, "UPDATE photos SET alt_text = ''")
    sql(path, "UPDATE articles SET feature_alt = ''")
    return path


def test_a_check_whose_facts_are_kept_loads_nothing_heavy(demo_library: Path, tmp_path: Path) -> None:
    path = _demo_with_photos_to_fix(demo_library, tmp_path)
    first = workstation("check", "--all", path)
    assert first.returncode == 1 and "has no alt text" in first.stdout
    assert _loaded("check", "--all", path) == "1 -"
    assert workstation("check", "--all", path).stdout == first.stdout


def test_a_check_that_must_read_texts_loads_the_markdown_dialect_only(demo_library: Path, tmp_path: Path) -> None:
    assert _loaded("check", "--all", _demo_with_photos_to_fix(demo_library, tmp_path)) == "1 markdown"
