"""Fuzzing front matter and body: whatever the file holds, import and export refuse it or publish it safely.

Hypothesis writes a Markdown file (front matter as YAML or as raw junk, a
body mixing hostile fragments with arbitrary text, sometimes undecodable
bytes), imports it and exports the library with the real commands,
in-process. Each run is derandomised and keeps no example database, and the
number of examples keeps the whole test around half a minute.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import feedparser
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.command_line import workstation
from tests.page_checks import scan, well_formed
from workstation.content.bounds import MAX_DEPTH

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<math>", "<div>",
    "</div>", "<!--", "-->", "<a ", "&#2;", "&#xFDD1;", "\x02wsslot:0\x03", "\ufdd1", "[[story]]", "[[", "]]",
    "![a](photo:1)", "![a](ws-photo://photo/1/1)", "[a](ws-app://x)", "# ", "\n\n", "\n", "> ", "- ", "1. ",
    "    ", "```", "~~~", "| a | b |\n|---|---|\n", "[^n]", "[^n]: note\n", "[r]: /x\n", "{: #id .c onclick=x }",
    "\"", "'", "--", "...", "*", "_", "`", "\\", "&", "<", ">", "\x00", "\x01", "\x1b[2J", "\r", "\r\n", "\x7f",
    "\x85", "\u202e", "\u2028", "\ufffe", "\uffff", "\U0010ffff", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "> " * (MAX_DEPTH + 2), "<b>" * (MAX_DEPTH + 2), "Київ", "</script>", "]]>", "---\n",
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
PIECES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), TEXT), max_size=30).map("".join)
FRONT_KEYS = ["title", "slug", "section", "summary", "tags", "status", "date", "authors", "image_alt",
              "image_caption", "image_credit", "type", "name", "role", "website", "email"]
# Mostly text, as real files hold; sometimes what a careless or hostile file holds instead.
FRONT_VALUES = st.one_of(
    PIECES, PIECES, PIECES, PIECES, st.sampled_from(["2026-03-01", "", "../../x", "Olena Koval"]),
    st.lists(PIECES, max_size=3), st.integers(), st.none(), st.booleans(),
)
FIELDS = st.fixed_dictionaries(
    {"title": PIECES, "status": st.sampled_from(["published"] * 4 + ["draft", "ready", "editing", "archived"])},
    optional={key: FRONT_VALUES for key in FRONT_KEYS if key not in ("title", "status", "type")}
    | {"type": st.just("author")},
).map(lambda fields: yaml.safe_dump(fields, allow_unicode=True))
FRONT_MATTER = st.one_of(FIELDS, FIELDS, FIELDS, PIECES)


def run(*args: str | Path) -> tuple[int, str]:
    """``workstation ARGS`` in this process: its exit status and what it printed on stderr."""
    result = workstation(*args)
    return result.returncode, result.stderr


def assert_refused_at_most(status: int, stderr: str) -> None:
    assert status in (0, 2), stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr, stderr
    assert all(line.startswith("workstation: ") for line in stderr.splitlines()), stderr


@settings(
    max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(front=FRONT_MATTER, body=PIECES, raw_byte=st.sampled_from([False] * 5 + [True]))
def test_any_file_is_published_safely_or_refused(template_library: Path, front: str, body: str, raw_byte: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = root / "lib.wslib"
        shutil.copyfile(template_library, library)
        source = root / "story.md"
        data = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
        source.write_bytes(data + (b"\xff\xfe\x80" if raw_byte else b""))
        status, stderr = run("import", library, source)
        assert_refused_at_most(status, stderr)
        event("imported" if status == 0 else "refused: " + " ".join(stderr.split(": ")[-1].split()[:3]))
        status, stderr = run("export", library, root / "site", "--drafts", "--base-url", "https://news.example.org/")
        assert status == 0, stderr
        for path in (root / "site").rglob("*.html"):
            assert well_formed(path.read_text(encoding="utf-8")) == [], path
        for page in scan(root / "site"):
            assert [s for s in page.scripts if s.get("type") != "application/ld+json"
                    and not s.get("src", "").endswith("static/site.js")] == []
            assert page.handlers == [] and page.bad_urls == []
            for block in page.json_blocks:
                json.loads(block)
        feed = feedparser.parse((root / "site" / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
