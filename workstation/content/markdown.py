"""``render_markdown``: a whole body in the house dialect, as a sanitised HTML fragment.

See ``dialect`` for what the dialect adds to Python-Markdown and
``blocks`` for the per-block rendering the live preview uses.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from workstation.content.blocks import BlockRenderer, split_blocks
from workstation.content.bounds import MAX_BLOCKS, Excess, assess, plainly_within
from workstation.content.dialect import Dialect, ImageUse
from workstation.content.references import photo_ref, photo_refs
from workstation.content.remote_images import may_show_remote_images, remote_image_urls
from workstation.content.text import clean_text
from workstation.content.views import NullResolver, Resolver

_local = threading.local()


def _dialect() -> Dialect:
    dialect = getattr(_local, "dialect", None)
    if dialect is None:
        dialect = _local.dialect = Dialect()
    return dialect


def render_markdown(text: str, resolver: Resolver) -> str:
    """The body as HTML: Markdown rendered, user HTML sanitised, references resolved.

    The text is cleaned (``clean_text``) first: the live preview renders
    what is typed before it is saved. Safe to call from several threads
    (each keeps its own Markdown instance).
    A body within the house limits (``bounds.assess``) is rendered whole; one
    past them, or nested deeper than Python-Markdown can parse, is rendered
    block by block, the blocks past the limits shown as typed.
    """
    return render_markdown_for(text, [resolver])[0]


def render_markdown_for(text: str, resolvers: Sequence[Resolver]) -> list[str]:
    """``render_markdown`` with each of ``resolvers``, parsing the body once: an article's page and its feed entry."""
    text = clean_text(text)
    layout = None if plainly_within(text) else _layout(text)
    if layout is None or all(layout[1]):
        try:
            return _dialect().render_for(text, resolvers)
        except RecursionError:
            pass
    if layout is None:
        layout = _layout(text)
    pieces, allowed = layout
    return ["\n".join(block.html for block in BlockRenderer(resolver).render_pieces(pieces, allowed))
            for resolver in resolvers]


def _layout(text: str) -> tuple[list[tuple[str, int]], list[bool]]:
    """The body's top-level blocks, and which of them ``bounds.assess`` lets be laid out."""
    pieces = split_blocks(text, MAX_BLOCKS)
    return pieces, assess([piece for piece, _ in pieces])[0]


def body_limits(text: str) -> list[Excess]:
    """The house limits a body goes past (preflight reports them; the renderer shows the excess as typed)."""
    text = clean_text(text)
    if plainly_within(text):
        return []
    return assess([piece for piece, _ in split_blocks(text, MAX_BLOCKS)])[1]


def image_uses(text: str) -> list[ImageUse]:
    """The library images a body shows, as ``render_markdown`` parses it: inline and
    reference-style (``![A][p]`` with ``[p]: photo:12``), in footnotes too.

    A body past the house limits, or nested deeper than Python-Markdown can
    parse, falls back to the references alone (without their alt text).
    """
    text = clean_text(text)
    if plainly_within(text) or all(_layout(text)[1]):
        try:
            return _dialect().image_uses(text)
        except RecursionError:
            pass
    return [ImageUse(photo_ref(photo_id), "") for photo_id in photo_refs(text)]


def remote_images(text: str) -> list[str]:
    """The addresses of the images on other sites a body (or bio) shows, in order: each renders as a link.

    Found in ``render_markdown``'s own output, so Markdown images, raw
    ``<img>`` and ``<picture>`` sources count alike.
    """
    if not may_show_remote_images(text):
        return []  # no image on another host: most bodies, not rendered again
    return remote_image_urls(render_markdown(text, NullResolver()))
