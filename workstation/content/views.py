"""What the renderer needs to know about the records a body refers to.

The content package never touches the database: the caller (the export or
the live preview) passes a ``Resolver`` that turns ``photo:12`` and
``[[slug]]`` into these small values, already carrying the URLs of the right
renditions and the credit in house style. The renderer escapes every string
in them; only URLs are taken as given (and still checked).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class FigureView(NamedTuple):
    """A picture ready to print.

    ``sources`` holds ``(mime, srcset)`` pairs, best format first, e.g.
    ``("image/webp", "a-480.webp 480w, a-960.webp 960w")``; ``src`` is the
    fallback every browser can show. ``sizes`` applies to every source.
    """

    src: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    sources: tuple[tuple[str, str], ...] = ()
    # Printed beside the credit, e.g. "AI-generated image" for a picture made or altered by generative AI.
    label: str = ""
    sizes: str = ""
    lazy: bool = True


class CardView(NamedTuple):
    """Another article, as a related-article card shows it."""

    url: str
    headline: str
    excerpt: str
    image: FigureView | None


class Resolver(Protocol):
    def figure(self, ref: str) -> FigureView | None:
        """The figure for a photo ref such as ``photo:12``; None when it is not in the library."""

    def card(self, slug: str) -> CardView | None:
        """The card for an article slug; None when there is no such article."""

    def link(self, slug: str) -> str | None:
        """The URL of an article from the page being rendered; None when there is no such article."""


class NullResolver:
    """Resolves nothing: every reference renders as its "missing" placeholder."""

    def figure(self, ref: str) -> FigureView | None:
        return None

    def card(self, slug: str) -> CardView | None:
        return None

    def link(self, slug: str) -> str | None:
        return None
