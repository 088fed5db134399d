"""Every hostile input, imported and exported by the real command line: refused or published, never a crash.

Each corpus file (``corpus/*.md``) and each generated pathological body
(``generators.py``) is imported into its own library (a copy of the
session's empty one) and exported, each step the real ``workstation``
command with a time limit, run in this process (``tests.command_line``).
Either step may refuse (exit 2, one ``workstation:`` line per problem);
neither may print a traceback. Every page must be well formed and inert, the
feed must parse, and the whole corpus's output passes the Nu HTML Checker in
one run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from tests.command_line import workstation
from tests.hostile.generators import GENERATORS, generated
from tests.page_checks import scan, validate, well_formed

CORPUS = Path(__file__).with_name("corpus")
ENTRIES = sorted(path.name for path in CORPUS.glob("*.md") if path.name != "README.md") + sorted(GENERATORS)
STEP_TIMEOUT = 120


def assert_no_crash(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    assert all(line.startswith("workstation: ") for line in result.stderr.splitlines() if not line.startswith("\r"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Export folders by entry, filled as the entries are run (the Nu check reads them all: ``--dist loadfile``
    runs a whole module on one worker)."""
    return {}


def publish(entry: str, folder: Path, template: Path) -> Path:
    """Import one entry into a new library and export it; returns the export folder."""
    source = folder / "in" / (entry if entry.endswith(".md") else f"{entry}.md")
    source.parent.mkdir(parents=True)
    if entry.endswith(".md"):
        source.write_bytes((CORPUS / entry).read_bytes())
    else:
        source.write_text(generated(entry), encoding="utf-8")
    library = shutil.copyfile(template, folder / "lib.wslib")
    assert_no_crash(workstation("import", library, source, timeout=STEP_TIMEOUT))
    site = folder / "site"
    exported = workstation("export", library, site, "--drafts", "--base-url", "https://news.example.org/",
                           timeout=STEP_TIMEOUT)
    assert_no_crash(exported)
    assert exported.returncode == 0, exported.stderr
    return site


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_hostile_input_is_published_safely_or_refused(
    entry: str, sites: dict[str, Path], template_library: Path, tmp_path: Path
) -> None:
    site = publish(entry, tmp_path, template_library)
    sites[entry] = site
    for path in sorted(site.rglob("*.html")):
        assert well_formed(path.read_text(encoding="utf-8")) == [], path
    for page in scan(site):
        assert [s for s in page.scripts if s.get("type") != "application/ld+json"
                and not s.get("src", "").endswith("static/site.js")] == []
        assert page.handlers == [] and page.bad_urls == []
        for block in page.json_blocks:
            json.loads(block)
    for path in site.rglob("*.html"):
        assert "ws-app:" not in path.read_text(encoding="utf-8") and "ws-photo:" not in path.read_text(encoding="utf-8")
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception


def test_every_page_of_the_corpus_passes_the_nu_checker(sites: dict[str, Path]) -> None:
    if not sites:
        pytest.skip("run with the corpus tests: this one checks what they exported")
    assert validate(*sites.values()) == []
