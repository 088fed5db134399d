"""Old render-cache entries are dropped by the first export of a day, not read through by every export.

Finding entries unused for a month reads every entry's ``used_at``, which
SQLite stores after the entry's bytes: tens of megabytes for a 1,000-page
site, on every export. The ``sweep:`` entry records when it was last done.
"""

from __future__ import annotations

import time
from pathlib import Path

from workstation.library.database import Library
from workstation.publish.rendercache import SWEEP_KEY
from workstation.publish.site import export_site

STALE = "page:gone/index.html:0000"


def add_stale_entry(library: Library) -> None:
    with library.writing() as plain:
        plain.run("INSERT INTO render_cache (key, html, used_at) VALUES (?, ?, ?)", (STALE, b"<p>old</p>", 0))


def keys(library: Library) -> set[str]:
    with library.reading() as plain:
        return {key for (key,) in plain.rows("SELECT key FROM render_cache")}


def test_an_export_within_a_day_of_the_last_sweep_drops_nothing(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    add_stale_entry(newsroom)
    export_site(newsroom, tmp_path / "again", cache_dir=cache_dir)
    assert STALE in keys(newsroom)


def test_the_first_export_after_a_day_drops_what_nobody_used_for_a_month(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    export_site(newsroom, tmp_path / "site", cache_dir=cache_dir)
    add_stale_entry(newsroom)
    with newsroom.writing() as plain:
        plain.run("UPDATE render_cache SET used_at = ? WHERE key = ?", (int(time.time()) - 2 * 24 * 3600, SWEEP_KEY))
    export_site(newsroom, tmp_path / "again", cache_dir=cache_dir)
    found = keys(newsroom)
    assert STALE not in found
    assert SWEEP_KEY in found and any(key.startswith("page:articles/river-rises/") for key in found)
