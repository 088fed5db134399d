"""The demo library: original sample content that shows every feature.

It is built from ``resources/sample/`` through the ordinary importer, so the
demo is also a standing test of the import format; a sample file the
importer refuses is a bug in the sample, reported rather than skipped. Only
the sample's ``authors/``, ``avatars/``, ``photos/`` and ``articles/`` folders
are imported (its README is not content; the avatars go to their profiles,
not among the photos).
"""

from __future__ import annotations

from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.database import building_library, open_library
from workstation.library.importer import ImportReport, import_paths
from workstation.library.settings import SiteSettings, save_settings
from workstation.resources import resource

DEMO_SETTINGS = SiteSettings(
    site_name="The Millbrook Courier",
    site_description="News from Millbrook and the valley",
    publisher_name="The Millbrook Courier",
    language="en-GB",
    # The sample stories are written in British English, one byline in Ukrainian.
    spell_languages="en_GB,uk_UA",
    usage_terms="Partners may republish unchanged, with the byline. Demo material of the Workstation project.",
)


SAMPLE_FOLDERS = ("authors", "avatars", "photos", "articles")


def sample_dir() -> Path:
    return resource("sample")


def _sources(source: Path) -> list[Path]:
    folders = [source / name for name in SAMPLE_FOLDERS if (source / name).is_dir()]
    return folders or [source]


def create_demo_library(path: Path | str, source: Path | None = None) -> ImportReport:
    """Build the demo at ``path``; refuses to replace an existing file.

    The library is built under a temporary name in the same folder and
    renamed into place only when complete, so an interrupted run leaves
    nothing that looks like a library.
    """
    path = Path(path)
    source = source or sample_dir()
    with building_library(path) as temp:
        with open_library(temp, create=True) as library:
            with library.transaction() as session:
                save_settings(session, DEMO_SETTINGS)
            report = import_paths(library, _sources(source))
        if report.refused:
            raise LibraryError(f"the demo sample is broken: {report.refused[0]}")
    return report
