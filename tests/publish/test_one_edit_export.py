"""``workstation export`` after one article was edited decides and writes without importing the ORM.

The ORM and the models took half of such an export's time to import; the
catalog, the change marker and the render cache are read and written in
plain SQL instead (``library.plain``), and the ORM is imported only when
a picture must be made from its original.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workstation.cli import main
from workstation.library.database import Library, open_library
from workstation.library.models import Article

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path("articles") / "river-rises" / "index.html"

# Runs the command in a fresh interpreter and says which of the ORM's modules it imported.
CHILD = """
import sys
from workstation.cli import main
status = main(sys.argv[1:])
orm = [name for name in ("sqlalchemy", "workstation.library.models") if name in sys.modules]
print(status, ",".join(orm) or "-")
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renditions go to this test's own cache folder, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def library_file(newsroom: Library) -> Path:
    path = Path(newsroom.path)
    newsroom.close()
    return path


def edit_body(library_file: Path, text: str) -> None:
    with open_library(library_file) as library, library.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        article.body += f"\n\n{text}\n"


def test_one_edited_article_is_exported_without_importing_the_orm(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["export", str(library_file), str(site)]) == 0
    edit_body(library_file, "The water fell by noon on Saturday.")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", CHILD, "export", str(library_file), str(site)],
                            env=env, capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.splitlines()[-1] == "0 -"
    assert "The water fell by noon on Saturday." in (site / PAGE).read_text(encoding="utf-8")


def test_the_render_cache_stored_without_the_orm_serves_a_new_folder(library_file: Path, tmp_path: Path) -> None:
    assert main(["export", str(library_file), str(tmp_path / "first")]) == 0
    edit_body(library_file, "A second paragraph arrived late.")
    assert main(["export", str(library_file), str(tmp_path / "first")]) == 0
    with open_library(library_file) as library, library.session() as session:
        stored = session.connection().exec_driver_sql(
            "SELECT html FROM render_cache WHERE key LIKE 'page:articles/river-rises/index.html:%'"
        ).scalars().all()
    assert len(stored) == 1 and b"A second paragraph arrived late." in stored[0]
    assert main(["export", str(library_file), str(tmp_path / "second")]) == 0
    assert (tmp_path / "second" / PAGE).read_bytes() == (tmp_path / "first" / PAGE).read_bytes()
