"""What ``workstation import`` loads: decoding starts before the library's code and the ORM are imported, and photos need no article machinery."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.cli.conftest import ROOT
from workstation.library.database import create_library

# Modules of articles and author profiles: front matter, slugs, bylines, revisions.
ARTICLE_MACHINERY = (
    "workstation.library.import_markdown",
    "workstation.library.articles",
    "workstation.library.authors",
    "workstation.library.frontmatter",
    "workstation.library.revisions",
    "yaml",
)

IMPORT = """
import sys
from workstation.cli import main
status = main(["import", *sys.argv[1:]])
print(status, *[name for name in {names!r} if name in sys.modules])
"""

LOADED = """
import sys
import workstation.cli.import_files
import workstation.library.importer
print("sqlalchemy" in sys.modules, "workstation.library.models" in sys.modules)
"""

DECODING = """
import sys
from workstation.cli import main
from workstation.library import importer

def started(paths, **options):
    print("workstation.library.database" in sys.modules, "sqlalchemy" in sys.modules)
    raise SystemExit(0)

importer.start_decoding = started
import workstation.cli.import_files as command
command.start_decoding = started
main(["import", *sys.argv[1:]])
"""


def python(code: str, *args: str | Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_the_import_command_and_import_paths_load_no_orm_before_decoding() -> None:
    assert python(LOADED) == "False False"


def test_the_import_command_starts_decoding_before_it_loads_the_code_that_opens_the_library(tmp_path: Path) -> None:
    assert python(DECODING, tmp_path / "shoot.wslib", tmp_path) == "False False"


def test_importing_photos_loads_no_article_machinery(tmp_path: Path) -> None:
    library = tmp_path / "shoot.wslib"
    create_library(library).close()
    photo = tmp_path / "frame.jpg"
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 90, 160)).save(out, "JPEG")
    photo.write_bytes(out.getvalue())
    assert python(IMPORT.format(names=ARTICLE_MACHINERY), library, photo) == "0"


def test_importing_an_article_loads_it(tmp_path: Path) -> None:
    library = tmp_path / "news.wslib"
    create_library(library).close()
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: A story\n---\nText.\n", encoding="utf-8")
    assert python(IMPORT.format(names=ARTICLE_MACHINERY), library, story).split() == ["0", *ARTICLE_MACHINERY]
