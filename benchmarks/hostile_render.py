"""Pathological bodies under the 5 MB import cap: each must render in under 2 s.

The red team's quadratic cases (issue: "Bounded in time and memory") and
the slowest linear ones, each timed twice as the export renders it (whole
body) and as the live preview does (block by block, first render), in a
fresh process per body so one case's caches never help the next. Prints one
line per body: ``hostile NAME size_kb=.. whole_ms=.. blocks_ms=..``, then
the worst, then the load average. In-process figures (the render itself,
not a command).

Run: ``python benchmarks/hostile_render.py``
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAP = 5 * 1024 * 1024
BUDGET_MS = 2000

BODIES = {
    "identical headings": '"# Heading\\n\\n" * 100_000',
    "quotes and dashes": "\"\\\"'-\" * 1_000_000",
    "unclosed anchors": '"<a " * 1_000_000',
    "wide table": '"|" + "a|" * 20_000 + "\\n|" + "-|" * 20_000 + "\\n|" + "b|" * 20_000',
    "deep list": '"\\n".join("    " * depth + "- x" for depth in range(1_500))',
    "nested divs": '"<div>" * 100_000',
    "related cards": '"[[river-crossing]]\\n\\n" * 50_000',
    "photo references": '"![](photo:12)\\n\\n" * 50_000',
    "footnotes to the cap": '"".join(f"x[^{i}]\\n\\n[^{i}]: n\\n\\n" for i in range(250_000))[:CAP]',
    "reference links to the cap": '"".join(f"[a][r{i}]\\n\\n[r{i}]: https://example.org/{i}\\n\\n" for i in range(120_000))[:CAP]',
    "setext headings to the cap": '("x\\n==\\n" * 1_000_000)[:CAP]',
    "one long line to the cap": '("word " * 1_100_000)[:CAP]',
    "tabs to the cap": '("\\t" * CAP)',
    "prose to the cap": '("A sentence of plain prose, with a comma and a full stop. " * 100_000)[:CAP]',
}

CHILD = """
import sys, time
from workstation.content.blocks import BlockRenderer
from workstation.content.markdown import render_markdown
from workstation.content.views import NullResolver
CAP = {cap}
body = {expression}
render_markdown("warm *up*", NullResolver())
started = time.perf_counter()
render_markdown(body, NullResolver())
whole = (time.perf_counter() - started) * 1000
started = time.perf_counter()
BlockRenderer(NullResolver()).render(body)
blocks = (time.perf_counter() - started) * 1000
print(len(body.encode()) // 1024, round(whole), round(blocks))
"""


def main() -> None:
    worst = ("", 0)
    for name, expression in BODIES.items():
        result = subprocess.run(
            [sys.executable, "-c", CHILD.format(cap=CAP, expression=expression)],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
        )
        if result.returncode != 0:
            print(f"hostile {name.replace(' ', '-')} failed: {result.stderr.strip().splitlines()[-1]}")
            continue
        size_kb, whole, blocks = map(int, result.stdout.split())
        print(f"hostile {name.replace(' ', '-')} size_kb={size_kb} whole_ms={whole} blocks_ms={blocks}", flush=True)
        worst = max(worst, (name, max(whole, blocks)), key=lambda item: item[1])
    print(f"hostile worst={worst[0].replace(' ', '-')} ms={worst[1]} budget_ms={BUDGET_MS} (in-process render)")
    print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
