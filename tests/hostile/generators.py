"""Pathological bodies too big to keep in the corpus: the red team's quadratic cases at a tenth of their size.

At full size each took Workstation minutes to render (100,000 identical
headings: 229 s); ``tests/content/test_render_bounds.py`` renders them at
full size. Here they go through the whole import and export.
"""

from __future__ import annotations

from collections.abc import Callable


def _article(slug: str, body: str) -> str:
    return f"---\ntitle: Generated {slug}\nslug: {slug}\nstatus: published\n---\n{body}"


GENERATORS: dict[str, Callable[[], str]] = {
    "identical-headings": lambda: "# Heading\n\n" * 10_000,
    "quotes-and-dashes": lambda: "\"'-" * 100_000,
    "unclosed-anchors": lambda: "<a " * 100_000,
    "wide-table": lambda: "|" + "a|" * 2_000 + "\n|" + "-|" * 2_000 + "\n|" + "b|" * 2_000 + "\n",
    "deep-list": lambda: "\n".join("    " * depth + "- x" for depth in range(150)),
    "nested-divs": lambda: "<div>" * 10_000,
    "related-cards": lambda: "[[control-characters]]\n\n" * 5_000,
    "photo-references": lambda: "![a photo](photo:1)\n\n" * 5_000,
    "setext-headings": lambda: "x\n==\n" * 30_000,
    "footnotes": lambda: "".join(f"x[^{n}]\n\n[^{n}]: note {n}\n\n" for n in range(5_000)),
    "long-line": lambda: "word " * 200_000,
    "unclosed-comments": lambda: "<!--" * 50_000,
}


def generated(name: str) -> str:
    """The article file for generator ``name``."""
    return _article(name, GENERATORS[name]())
