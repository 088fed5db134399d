"""Reusing a cached page records the use at most once a day, so a re-export barely writes to the library."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import func, select

from workstation.library.database import Library
from workstation.library.models import RenderedEntry
from workstation.publish.site import export_site


def set_used_at(library: Library, value: int) -> None:
    with library.transaction() as session:
        session.execute(RenderedEntry.__table__.update().values(used_at=value))


def page_used_at(library: Library) -> set[int]:
    """When the cached pages were last recorded as used (bodies are used only when a page is rendered)."""
    with library.session() as session:
        query = select(func.distinct(RenderedEntry.used_at)).where(RenderedEntry.key.startswith("page:"))
        return set(session.scalars(query))


def test_a_use_recorded_within_the_day_is_not_written_again(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    an_hour_ago = int(time.time()) - 3600
    set_used_at(newsroom, an_hour_ago)
    export_site(newsroom, tmp_path / "again", cache_dir=cache_dir)
    assert page_used_at(newsroom) == {an_hour_ago}


def test_a_use_older_than_a_day_is_recorded(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    two_days_ago = int(time.time()) - 2 * 24 * 3600
    set_used_at(newsroom, two_days_ago)
    export_site(newsroom, tmp_path / "again", cache_dir=cache_dir)
    assert two_days_ago not in page_used_at(newsroom)
