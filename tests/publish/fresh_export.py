"""``workstation export`` in a fresh interpreter, for tests of what an export imports before it is done."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path("articles") / "river-rises" / "index.html"
ORM = ("sqlalchemy", "workstation.library.models")
HEAVY = ("sqlalchemy", "markdown", "jinja2", "workstation.publish.site")

# Runs the command, then prints its exit status and which of the watched modules it imported.
_CHILD = """
import sys
from workstation.cli import main
watched = sys.argv[1].split(",")
status = main(sys.argv[2:])
imported = [name for name in watched if name in sys.modules]
print(status, ",".join(imported) or "-")
"""


def child_export(library: Path, site: Path, watched: tuple[str, ...] = HEAVY) -> tuple[str, str]:
    """The export's exit status and the ``watched`` modules it imported ("-" for none).

    The child uses the test's cache folder: the ``XDG_CACHE_HOME`` that ``own_cache`` or ``shared_cache`` set.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, ",".join(watched), "export", str(library), str(site)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.stdout, result.stderr
    status, imported = result.stdout.splitlines()[-1].split()
    return status, imported
