"""What "published" means at a moment, how times are named, and ``updated:`` in front matter."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from workstation.errors import ImportRefused
from workstation.library.frontmatter import read_source
from workstation.library.publishing import is_live, is_scheduled, moment_label, publication_label

NOW = datetime(2026, 6, 12, 7, 0, tzinfo=timezone.utc)
KYIV = timezone(timedelta(hours=3))


def test_a_future_publication_time_is_scheduled_and_not_live() -> None:
    later = datetime(2026, 6, 12, 11, 0, tzinfo=KYIV)  # 08:00 UTC
    assert is_scheduled("published", later, NOW) and not is_live("published", later, NOW)
    assert is_live("published", later, NOW + timedelta(hours=1))


def test_times_compare_as_moments_whatever_their_zone() -> None:
    earlier = datetime(2026, 6, 12, 9, 30, tzinfo=KYIV)  # 06:30 UTC, though "09:30" reads later than "07:00"
    assert is_live("published", earlier, NOW)


def test_only_a_published_article_is_live_or_scheduled() -> None:
    assert not is_live("ready", None, NOW) and not is_scheduled("ready", NOW + timedelta(days=1), NOW)


def test_labels_name_the_zone() -> None:
    assert moment_label(datetime(2026, 6, 12, 9, 0, tzinfo=KYIV)) == "12 June 2026, 09:00 UTC+03:00"
    assert publication_label("published", NOW + timedelta(days=1), NOW) == "Scheduled for 13 June 2026, 07:00 UTC"
    assert publication_label("draft", None, NOW) == "Draft"


def test_front_matter_carries_the_last_published_change(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\ndate: 2026-01-01T08:00:00+02:00\nupdated: 2026-01-03T10:00:00+02:00\n---\nText.\n")
    assert read_source(path).updated == datetime(2026, 1, 3, 10, 0, tzinfo=timezone(timedelta(hours=2)))


def test_an_updated_that_is_no_date_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\nupdated: last tuesday\n---\nText.\n")
    with pytest.raises(ImportRefused, match="'updated' is not a date"):
        read_source(path)
