"""``render_markdown``: a whole body in the house dialect, as a sanitised HTML fragment.

See ``dialect`` for what the dialect adds to Python-Markdown and
``blocks`` for the per-block rendering the live preview uses.
"""

from __future__ import annotations

import threading

from workstation.content.blocks import BlockRenderer
from workstation.content.dialect import Dialect, ImageUse
from workstation.content.references import photo_ref, photo_refs
from workstation.content.views import Resolver

_local = threading.local()


def _dialect() -> Dialect:
    dialect = getattr(_local, "dialect", None)
    if dialect is None:
        dialect = _local.dialect = Dialect()
    return dialect


def render_markdown(text: str, resolver: Resolver) -> str:
    """The body as HTML: Markdown rendered, user HTML sanitised, references resolved.

    Safe to call from several threads (each keeps its own Markdown instance).
    A body nested deeper than Python-Markdown can parse is rendered block by
    block, the offending block shown as typed.
    """
    try:
        return _dialect().render(text, resolver)
    except RecursionError:
        return "\n".join(block.html for block in BlockRenderer(resolver).render(text))


def image_uses(text: str) -> list[ImageUse]:
    """The library images a body shows, as ``render_markdown`` parses it: inline and
    reference-style (``![A][p]`` with ``[p]: photo:12``), in footnotes too.

    A body nested deeper than Python-Markdown can parse falls back to the
    references alone (without their alt text).
    """
    try:
        return _dialect().image_uses(text)
    except RecursionError:
        return [ImageUse(photo_ref(photo_id), "") for photo_id in photo_refs(text)]
