"""Rendering is bounded whatever the body holds: linear where it can be, house limits where it cannot."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.content.blocks import BlockRenderer
from workstation.content.bounds import MAX_BLOCKS, MAX_DEPTH, MAX_EMBEDS, MAX_TABLE_CELLS
from workstation.content.markdown import body_limits, render_markdown
from workstation.content.views import NullResolver

ROOT = Path(__file__).resolve().parents[2]

# The red team's bodies, at the sizes they reported (all under the 5 MB import cap).
RED_TEAM = {
    "identical headings": '"# Heading\\n\\n" * 100_000',
    "quotes and dashes": "\"\\\"'-\" * 1_000_000",
    "unclosed anchors": '"<a " * 1_000_000',
    "wide table": '"|" + "a|" * 20_000 + "\\n|" + "-|" * 20_000 + "\\n|" + "b|" * 20_000',
    "deep list": '"\\n".join("    " * depth + "- x" for depth in range(1_500))',
    "nested divs": '"<div>" * 100_000',
    "related cards": '"[[river-crossing]]\\n\\n" * 50_000',
    "photo references": '"![](photo:12)\\n\\n" * 50_000',
    "setext headings in one block": '"x\\n==\\n" * 300_000',
    "many footnotes": '"".join(f"x[^{i}]\\n\\n[^{i}]: n\\n\\n" for i in range(50_000))',
    "dense emphasis beside one deep block": '"\\n\\n".join(f"{n} " + "*a* " * 600 for n in range(1_999)) + "\\n\\n" + "> " * 40',
}

# Renders each body named on stdin (a Python expression, as JSON) and answers with one line; started once a module.
RENDERER = """
import json, sys
sys.path.insert(0, {tests!r})
from conftest import FakeResolver
from workstation.content.blocks import BlockRenderer
from workstation.content.markdown import render_markdown
for line in sys.stdin:
    body = eval(json.loads(line))
    html = render_markdown(body, FakeResolver())
    blocks = BlockRenderer(FakeResolver()).render(body)
    print(len(html), len(blocks), flush=True)
"""


class Renderer:
    """A child interpreter rendering one body at a time; a body it does not finish within the limit ends it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def render(self, expression: str, seconds: float) -> None:
        """Render the body, or fail the test with the child's error output or "not within" the limit."""
        if self.process is None:
            script = RENDERER.format(tests=str(Path(__file__).parent))
            self.process = subprocess.Popen(
                [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, cwd=ROOT,
            )
        process = self.process
        process.stdin.write(json.dumps(expression) + "\n")
        process.stdin.flush()
        answered = bool(select.select([process.stdout], [], [], seconds)[0])
        if answered and process.stdout.readline():
            return
        self.stop()
        pytest.fail(process.stderr.read()[-3000:] if answered else f"not rendered within {seconds} s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    child = Renderer()
    yield child
    child.stop()


@pytest.mark.parametrize("name", list(RED_TEAM))
def test_a_red_team_body_renders_whole_and_per_block_within_a_minute(renderer: Renderer, name: str) -> None:
    renderer.render(RED_TEAM[name], seconds=60)


def test_blocks_past_the_limit_show_as_typed():
    body = "\n\n".join(f"Paragraph {n} with *emphasis*." for n in range(MAX_BLOCKS + 10))
    html = render_markdown(body, NullResolver())
    assert html.count("<em>") == MAX_BLOCKS
    assert "render-plain" in html and f"Paragraph {MAX_BLOCKS + 9} with *emphasis*." in html


def test_the_preview_shows_the_same_blocks_as_typed():
    body = "\n\n".join(f"# Heading {n}" for n in range(MAX_BLOCKS + 5))
    blocks = BlockRenderer(NullResolver()).render(body)
    assert sum("<h1" in block.html for block in blocks) == MAX_BLOCKS
    assert "render-plain" in blocks[-1].html


def test_a_body_within_the_limits_reports_nothing(rich_body):
    assert body_limits(rich_body) == []


@pytest.mark.parametrize(
    "body, words",
    [
        ("\n".join("    " * depth + "- x" for depth in range(MAX_DEPTH + 5)), "levels deep"),
        ("> " * (MAX_DEPTH + 5) + "quote", "levels deep"),
        ("<div>" * (MAX_DEPTH + 5) + "x" + "</div>" * (MAX_DEPTH + 5), "levels deep"),
        ("|" + "a|" * MAX_TABLE_CELLS + "\n|" + "-|" * MAX_TABLE_CELLS, "table cells"),
        ("[[river-crossing]]\n\n" * (MAX_EMBEDS + 1), "photos, cards and videos"),
        ("x\n==\n" * 20_000, "too long to lay out"),
        ("`" * 300 + "\ncode", "backticks"),
        ("&amp;" * 60_000, "HTML tags and character references"),
    ],
)
def test_a_body_past_a_limit_is_reported_and_shown_as_typed(body, words):
    findings = [str(excess) for excess in body_limits(body)]
    assert len(findings) == 1 and words in findings[0] and findings[0].endswith("it shows as plain text")
    assert "render-plain" in render_markdown(body, NullResolver())


def test_text_shown_as_typed_is_escaped():
    body = "<div>" * (MAX_DEPTH + 1) + "<script>alert(1)</script>"
    html = render_markdown(body, NullResolver())
    assert "<script" not in html and "&lt;script&gt;" in html


def test_a_paragraph_with_more_typographic_marks_than_any_real_one_renders_as_typed():
    html = render_markdown("\"'-" * 100_000, NullResolver())
    assert "“" not in html and html.count("&quot;") + html.count('"') >= 100_000


def test_ordinary_quotes_still_curl():
    assert render_markdown('"Quoted" -- and \'single\'.', NullResolver()) == "<p>“Quoted” – and ‘single’.</p>"


def test_an_unclosed_tag_start_is_text_and_the_rest_renders():
    html = render_markdown("<a " * 10_000 + "\n\nAfter **bold**.", NullResolver())
    assert "<strong>bold</strong>" in html and html.count("&lt;a") == 10_000


def test_a_tag_spanning_lines_is_still_a_tag():
    assert '<div class="box">' in render_markdown('<div\n  class="box">\ninside\n</div>', NullResolver())


def test_a_less_than_sign_in_code_prints_as_one():
    assert render_markdown("`a<b && c<d`", NullResolver()) == "<p><code>a&lt;b &amp;&amp; c&lt;d</code></p>"


def test_a_one_column_table_is_still_a_table():
    assert "<table>" in render_markdown("| a |\n| - |\n| b |", NullResolver())


def test_ten_thousand_headings_keep_unique_ids():
    html = render_markdown("# Same\n\n" * 1_000, NullResolver())
    assert 'id="same"' in html and 'id="same-1000"' in html


def test_inline_syntax_past_the_body_budget_shows_as_typed_in_both_renders():
    body = "\n\n".join(f"{n}\n" + "*a* " * 600 for n in range(200)) + "\n\n" + "> " * (MAX_DEPTH + 1)
    whole = render_markdown(body, NullResolver())
    assert 0 < whole.count("<em>") < 200 * 600 and "render-plain" in whole
    assert "\n".join(block.html for block in BlockRenderer(NullResolver()).render(body)) == whole
    assert any("emphasis, links, code and quotes" in str(excess) for excess in body_limits(body))
