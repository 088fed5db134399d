"""``workstation export`` after one article was edited decides and writes without importing the ORM.

The ORM and the models took half of such an export's time to import; the
catalog, the change marker and the render cache are read and written in
plain SQL instead (``library.plain``), and the ORM is imported only when
a picture must be made from its original.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.fresh_export import ORM, PAGE, child_export
from workstation.cli import main
from workstation.library.database import open_library
from workstation.library.models import Article

pytestmark = pytest.mark.usefixtures("own_cache")


def edit_body(library_file: Path, text: str) -> None:
    with open_library(library_file) as library, library.transaction() as session:
        article = session.query(Article).filter_by(slug="river-rises").one()
        article.body += f"\n\n{text}\n"


def test_one_edited_article_is_exported_without_importing_the_orm(library_file: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["export", str(library_file), str(site)]) == 0
    edit_body(library_file, "The water fell by noon on Saturday.")
    assert child_export(library_file, site, ORM) == ("0", "-")
    assert "The water fell by noon on Saturday." in (site / PAGE).read_text(encoding="utf-8")


def test_an_edit_whose_pictures_are_all_made_imports_no_image_library_and_no_process_pool(
    library_file: Path, tmp_path: Path
) -> None:
    # Pillow and multiprocessing took a fifth of such an export's imports: the pictures are planned
    # from ``photos.shapes``, and the pool that would encode them is made at its first job (``parallel``).
    site = tmp_path / "site"
    assert main(["export", str(library_file), str(site)]) == 0
    assert any((site / "images").iterdir())
    edit_body(library_file, "The bridge reopened at dusk.")
    assert child_export(library_file, site, ("PIL", "multiprocessing", "concurrent.futures.process")) == ("0", "-")
    assert "The bridge reopened at dusk." in (site / PAGE).read_text(encoding="utf-8")


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
