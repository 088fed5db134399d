"""A newsroom on PostgreSQL exports the same site as a library file holding the same content."""

from __future__ import annotations

from pathlib import Path

from tests.publish.conftest import build_newsroom
from workstation.library.database import open_library
from workstation.library.models import Article
from workstation.publish.paths import CURRENT_NAME, MANIFEST_NAME
from workstation.publish.site import export_site


# The export's own bookkeeping: its stamp carries the store's random change marker, different in any two libraries.
RECORDS = (MANIFEST_NAME, CURRENT_NAME)


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in RECORDS
    }


def test_a_newsroom_exports_byte_for_byte_the_site_a_file_exports(  # type: ignore[no-untyped-def]
    new_library_file, new_newsroom_url, tagged_photo: bytes, tmp_path: Path, cache_dir: Path
) -> None:
    sites = {}
    for name, where in (("file", new_library_file()), ("newsroom", new_newsroom_url())):
        with open_library(where) as library:
            build_newsroom(library, tagged_photo)
            export_site(library, tmp_path / name, cache_dir=cache_dir)
        sites[name] = site_files(tmp_path / name)
    assert any(name.endswith("river-rises/index.html") for name in sites["file"])
    assert sites["newsroom"].keys() == sites["file"].keys()
    differing = [name for name in sites["file"] if sites["file"][name] != sites["newsroom"][name]]
    assert differing == []


def test_a_second_export_from_a_newsroom_serves_pages_from_its_render_cache(  # type: ignore[no-untyped-def]
    new_newsroom_url, tmp_path: Path, cache_dir: Path
) -> None:
    with open_library(new_newsroom_url()) as library:
        with library.transaction() as session:
            session.add(Article(slug="river", headline="The river", body="Water rose.", status="published"))
        export_site(library, tmp_path / "first", cache_dir=cache_dir)
        again = export_site(library, tmp_path / "second", cache_dir=cache_dir)
    assert again.from_cache > 0
