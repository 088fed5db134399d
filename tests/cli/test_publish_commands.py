"""``workstation publish``, ``unpublish`` and ``correct`` as a user runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.command_line import workstation
from workstation.library.database import open_library
from workstation.library.models import Article, Revision


@pytest.fixture
def demo(demo_library: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.wslib"
    shutil.copyfile(demo_library, path)
    return path


def _article(path: Path, slug: str) -> tuple[str, str | None]:
    with open_library(path, readonly=True) as library, library.session() as session:
        article = session.query(Article).filter_by(slug=slug).one()
        return article.status, article.published_at.isoformat() if article.published_at else None


def _link_to_draft(path: Path) -> None:
    with open_library(path) as library, library.transaction() as session:
        session.query(Article).filter_by(slug="mill-bridge-repair").one().body += "\n\n[[no-such-story]]\n"


def test_publish_blocked_by_preflight_prints_the_errors_and_changes_nothing(demo: Path) -> None:
    _link_to_draft(demo)
    result = workstation("publish", demo, "mill-bridge-repair")
    assert result.returncode == 2
    assert "links to [[no-such-story]], which is not in the library" in result.stdout
    assert result.stderr.strip().splitlines()[-1].endswith('fix them or pass --override "reason"')
    assert _article(demo, "mill-bridge-repair")[0] == "draft"


def test_publish_with_an_override_keeps_the_reason(demo: Path) -> None:
    _link_to_draft(demo)
    result = workstation("publish", demo, "mill-bridge-repair", "--override", "the story lands tonight")
    assert result.returncode == 0, result.stderr
    assert "mill-bridge-repair: Published" in result.stdout
    with open_library(demo, readonly=True) as library, library.session() as session:
        revision = session.query(Revision).filter_by(reason="publish").one()
        assert revision.note.endswith("Reason: the story lands tonight")


def test_publish_at_a_future_time_schedules_and_export_holds_it_back(demo: Path, tmp_path: Path) -> None:
    result = workstation("publish", demo, "mill-bridge-repair", "--at", "2099-06-12T09:00+02:00")
    assert result.returncode == 0, result.stderr
    assert "Scheduled for 12 June 2099, 09:00 UTC+02:00" in result.stdout
    exported = workstation("export", demo, tmp_path / "site")
    assert exported.returncode == 0, exported.stderr
    assert "mill-bridge-repair: held until 12 June 2099, 09:00 UTC+02:00" in exported.stdout
    assert not (tmp_path / "site" / "articles" / "mill-bridge-repair").exists()


@pytest.mark.parametrize(
    ("at", "message"),
    [("2026-06-12T09:00", "has no time zone"), ("next tuesday", "is not a time such as")],
)
def test_publish_refuses_a_bad_time_in_one_line(demo: Path, at: str, message: str) -> None:
    result = workstation("publish", demo, "mill-bridge-repair", "--at", at)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _article(demo, "mill-bridge-repair")[0] == "draft"


def test_publish_an_unknown_slug_is_bad_input(demo: Path) -> None:
    result = workstation("publish", demo, "no-such\x1b[2Jstory")
    assert result.returncode == 2 and "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_unpublish_asks_for_yes_and_then_takes_the_article_down(demo: Path) -> None:
    refused = workstation("unpublish", demo, "night-train-returns")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert _article(demo, "night-train-returns")[0] == "published"
    done = workstation("unpublish", demo, "night-train-returns", "--yes")
    assert done.returncode == 0, done.stderr
    assert _article(demo, "night-train-returns")[0] == "draft"


def test_correct_adds_a_note_that_the_export_shows(demo: Path, tmp_path: Path) -> None:
    result = workstation("correct", demo, "night-train-returns", "The train leaves at 22:10, not 22:40.")
    assert result.returncode == 0, result.stderr
    exported = workstation("export", demo, tmp_path / "site")
    assert exported.returncode == 0, exported.stderr
    page = (tmp_path / "site" / "articles" / "night-train-returns" / "index.html").read_text()
    assert "The train leaves at 22:10, not 22:40." in page and '"@type":"CorrectionComment"' in page


def test_correct_a_draft_is_refused(demo: Path) -> None:
    result = workstation("correct", demo, "mill-bridge-repair", "A fix.")
    assert result.returncode == 2 and "not on the site" in result.stderr


def test_publish_is_refused_while_another_workstation_holds_the_library(demo: Path) -> None:
    from workstation.library.lock import LibraryLock

    with LibraryLock(demo) as lock:
        assert lock.held
        result = workstation("publish", demo, "mill-bridge-repair")
    assert result.returncode == 2 and "open in another Workstation" in result.stderr
    assert _article(demo, "mill-bridge-repair")[0] == "draft"
