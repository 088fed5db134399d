"""How a page points at a photo: files in the export, the desk's scheme in
the preview, data URIs in a single-file hand-off.

All three answer the same questions, so the page builders never know which
of them they are talking to.
"""

from __future__ import annotations

import base64
from typing import Protocol

from workstation.content.views import FigureView
from workstation.errors import PublishError
from workstation.photos.shapes import rendition_widths
from workstation.photos.vocabulary import AI_LABEL, is_ai_made
from workstation.publish.catalog import PhotoData
from workstation.publish.images import (
    FALLBACK_WIDTH,
    MIMES,
    Loader,
    Planned,
    RenditionCache,
    RenditionKey,
    held,
    plan,
)


class Pictures(Protocol):
    responsive: bool

    def source(self, photo: PhotoData, width: int, fmt: str = "jpeg", aspect: tuple[int, int] | None = None) -> Planned | None:
        """Plan one rendition; ``None`` when the photo cannot be shown."""

    def address(self, planned: Planned) -> str:
        """Where the planned rendition is found: an OUTDIR path or a full URL."""


class ExportPictures:
    """Renditions as files under ``images/``; every planned key is remembered for encoding."""

    responsive = True

    def __init__(self) -> None:
        self.wanted: dict[str, RenditionKey] = {}
        self._planned: dict[tuple[int, int, str, tuple[int, int] | None], Planned] = {}

    def source(self, photo: PhotoData, width: int, fmt: str = "jpeg", aspect: tuple[int, int] | None = None) -> Planned:
        memo = (photo.info.id, width, fmt, aspect)
        planned = self._planned.get(memo)
        if planned is None:
            planned = self._planned[memo] = plan(photo.info, width, fmt, aspect)
            self.wanted[planned.key.relpath] = planned.key
        return planned

    def address(self, planned: Planned) -> str:
        return planned.key.relpath


class PreviewPictures:
    """``ws-photo://photo/<id>/<width>``, served by the article desk from its own cache."""

    responsive = False

    def source(self, photo: PhotoData, width: int, fmt: str = "jpeg", aspect: tuple[int, int] | None = None) -> Planned:
        return plan(photo.info, width, "jpeg", None)

    def address(self, planned: Planned) -> str:
        return f"ws-photo://photo/{planned.key.photo_id}/{planned.key.width}"


class InlinePictures:
    """One JPEG rendition per photo, embedded as a data URI: a page that needs no folder."""

    responsive = False

    def __init__(self, cache: RenditionCache, load: Loader) -> None:
        self.cache = cache
        self.load = load
        self.uris: dict[str, str] = {}

    def source(self, photo: PhotoData, width: int, fmt: str = "jpeg", aspect: tuple[int, int] | None = None) -> Planned:
        return plan(photo.info, min(width, FALLBACK_WIDTH), "jpeg", aspect)

    def address(self, planned: Planned) -> str:
        key = planned.key
        if key.relpath not in self.uris:
            original, rights = self.load(key.photo_id)
            with held(original):
                data = self.cache.make(key, original, rights)
            self.uris[key.relpath] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
        return self.uris[key.relpath]


def responsive_set(pictures: Pictures, photo: PhotoData) -> tuple[Planned, list[tuple[str, list[Planned]]]]:
    """The fallback JPEG and, when the medium allows, every (format, widths) pair of a figure."""
    fallback = pictures.source(photo, FALLBACK_WIDTH)
    if fallback is None:
        raise PublishError(f"photo {photo.info.id} cannot be shown")
    sets: list[tuple[str, list[Planned]]] = []
    if pictures.responsive:
        for fmt in ("webp", "jpeg"):
            planned = [pictures.source(photo, width, fmt) for width in rendition_widths(photo.info.width)]
            sets.append((MIMES[fmt], [p for p in planned if p is not None]))
    return fallback, sets


def figure_view(
    pictures: Pictures,
    photo: PhotoData,
    url,  # type: ignore[no-untyped-def]
    *,
    alt: str,
    caption: str,
    sizes: str,
    lazy: bool = True,
) -> FigureView:
    """A responsive figure: WebP and JPEG ``srcset`` at every width the photo allows."""
    fallback, sets = responsive_set(pictures, photo)
    sources = tuple(
        (mime, ", ".join(f"{url(pictures.address(p))} {p.width}w" for p in planned)) for mime, planned in sets
    )
    return FigureView(
        src=url(pictures.address(fallback)),
        width=fallback.width,
        height=fallback.height,
        alt=alt,
        caption=caption,
        credit=photo.credit,
        label=AI_LABEL if is_ai_made(photo.info.rights.digital_source_type) else "",
        sources=sources,
        sizes=sizes if sources else "",
        lazy=lazy,
    )
