"""Render benchmark: full render, and re-render after a one-character edit.

Builds realistic 3,000- and 10,000-word articles (paragraphs, sub-heads,
quotes, lists, figures resolved by a small in-memory resolver, footnotes,
a video and a related card) and prints, per size:

    render words=3000 full_ms=.. blocks_first_ms=.. edit_median_ms=.. edit_p95_ms=..

``full_ms`` is ``render_markdown`` of the whole body (the export's path);
``blocks_first_ms`` is the live preview's first render of the body;
``edit_*`` is the preview's re-render after typing one character in the
middle of the body, over 50 edits. Budget: edit at 3,000 words under 5 ms.

Run: ``python benchmarks/render.py``
"""

from __future__ import annotations

import random
import statistics
import time

from workstation.content.blocks import BlockRenderer
from workstation.content.markdown import render_markdown
from workstation.content.reading import word_count
from workstation.content.views import CardView, FigureView

EDITS = 50
WORDS = ["the", "council", "said", "water", "supply", "would", "return", "to", "eastern", "districts", "by", "friday", "after", "engineers", "repaired", "a", "main", "that", "burst", "under", "the", "bridge", "during", "the", "night", "while", "residents", "queued", "at", "the", "school", "for", "bottles", "and", "the", "mayor", "promised", "a", "full", "account", "of", "what", "went", "wrong", "and", "who", "would", "pay", "for", "the", "damage", "to", "homes"]


class BenchResolver:
    """Every photo and article exists; answers are built on the fly, as a cached library lookup would."""

    def figure(self, ref: str) -> FigureView:
        number = ref.split(":", 1)[1]
        return FigureView(
            src=f"/img/{number}-960.jpg",
            width=960,
            height=640,
            alt=f"Photo {number}",
            caption=f"Caption of photo {number}.",
            credit="(Photographer Name/Agency via Distributor)",
            sources=(
                ("image/webp", ", ".join(f"/img/{number}-{w}.webp {w}w" for w in (480, 960, 1600))),
                ("image/jpeg", ", ".join(f"/img/{number}-{w}.jpg {w}w" for w in (480, 960, 1600))),
            ),
            sizes="(min-width: 45rem) 45rem, 100vw",
        )

    def card(self, slug: str) -> CardView:
        return CardView(f"/articles/{slug}/", "A related headline", "An excerpt of the related story " * 8, None)

    def link(self, slug: str) -> str:
        return f"/articles/{slug}/"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words[2] = f'"{words[2]}"'
    if rng.random() < 0.1:
        words[4] = f"*{words[4]}*"
    return " ".join(words) + rng.choice([".", ".", ".", " -- really.", "..."])


def article(words: int, seed: int = 7) -> str:
    """A body of about ``words`` words (as ``word_count`` counts them) with the variety of a long feature."""
    rng = random.Random(seed)
    parts: list[str] = []
    notes: list[str] = []
    count = 0
    index = 0
    while count < words:
        index += 1
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        added = [paragraph]
        if index % 11 == 0:
            paragraph += f"[^n{index}]"
            added = [paragraph]
            notes.append(f"[^n{index}]: Source note {index}, from the council's statement.")
        if index % 8 == 0:
            added.append(f"## Sub-head number {index}")
        if index % 9 == 0:
            added.append(f'![](photo:{index} "A caption for figure {index}")')
        if index % 13 == 0:
            added.append("> " + sentence(rng) + "\n> " + sentence(rng))
        if index % 17 == 0:
            added.append("\n".join(f"- {sentence(rng)}" for _ in range(4)))
        if index % 29 == 0:
            added.append("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        if index % 31 == 0:
            added.append(f"[[related-story-{index}]]")
        parts.extend(added)
        count += sum(word_count(part) for part in added)
    return "\n\n".join(parts + notes) + "\n"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench(words: int) -> str:
    body = article(words)
    resolver = BenchResolver()
    render_markdown(body, resolver)  # warm the thread's Markdown instance
    started = time.perf_counter()
    render_markdown(body, resolver)
    full_ms = (time.perf_counter() - started) * 1000

    renderer = BlockRenderer(resolver)
    started = time.perf_counter()
    renderer.render(body)
    first_ms = (time.perf_counter() - started) * 1000

    middle = body.index(" ", len(body) // 2)
    timings = []
    text = body
    for edit in range(EDITS):
        # Type one more character at the same place, as a reporter does.
        text = text[:middle] + "abcdefghij"[edit % 10] + text[middle:]
        middle += 1
        started = time.perf_counter()
        renderer.render(text)
        timings.append((time.perf_counter() - started) * 1000)
    return (
        f"render words={words} full_ms={full_ms:.1f} blocks_first_ms={first_ms:.1f} "
        f"edit_median_ms={statistics.median(timings):.2f} edit_p95_ms={percentile(timings, 0.95):.2f}"
    )


def main() -> None:
    for words in (3_000, 10_000):
        print(bench(words), flush=True)


if __name__ == "__main__":
    main()
