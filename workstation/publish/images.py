"""Photo renditions for pages: which files a page needs, and making them once.

Pages are rendered first and only *ask* for renditions (by a key that names
the photo's content hash, width, format, crop, focal point and the rights
text embedded in the file); the encoding happens afterwards, in parallel,
and only for keys the cache does not already hold.

The cache lives in the user's cache folder (platformdirs), not in OUTDIR:
the output folder is what gets uploaded, so it must hold nothing but the
site. Each library has its own folder there, named by the library's id and
capped in size (``publish.caches``), so forgetting one library's pictures
forgets nothing else; a second export to a new folder re-encodes nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from platformdirs import user_cache_dir
from sqlalchemy.orm import Session

from workstation.errors import PublishError, WorkstationError
from workstation.library.models import Photo
from workstation.library.photos import load_original, rights_of
from workstation.photos.renditions import RightsMetadata, make_rendition
from workstation.publish.writer import write_atomic

# Open Graph and schema.org want a few fixed shapes of the lead photo.
SOCIAL_ASPECTS: tuple[tuple[int, int], ...] = ((16, 9), (4, 3), (1, 1))
SOCIAL_WIDTH = 1600
FALLBACK_WIDTH = 960
LEAD_SIZES = "(min-width: 60rem) 50rem, 100vw"
BODY_SIZES = "(min-width: 48rem) 42rem, 100vw"
EXTENSIONS = {"jpeg": "jpg", "webp": "webp"}
MIMES = {"jpeg": "image/jpeg", "webp": "image/webp"}


# A library's rendition folder is trimmed to this size after each export (1 GiB).
DEFAULT_CACHE_CAP = 1 << 30


def default_cache_dir() -> Path:
    """The root of every cache Workstation keeps outside a library (``forget-caches`` empties it)."""
    return Path(user_cache_dir("workstation", appauthor=False))


@dataclass(frozen=True)
class PhotoInfo:
    """What a page needs to know about a photo without touching its bytes."""

    id: int
    sha256: str
    width: int
    height: int
    focal: tuple[float, float]
    rights: RightsMetadata

    def rights_digest(self) -> str:
        r = self.rights
        text = "\x1f".join((r.creator, r.credit, r.copyright_notice, r.caption, r.usage_terms))
        return hashlib.sha256(text.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class RenditionKey:
    photo_id: int
    sha256: str
    width: int
    fmt: str
    aspect: tuple[int, int] | None
    focal: tuple[float, float]
    rights: str

    @cached_property
    def name(self) -> str:
        crop = f"-{self.aspect[0]}x{self.aspect[1]}" if self.aspect else ""
        tag = hashlib.sha256(repr((self.focal, self.rights)).encode()).hexdigest()[:8]
        return f"{self.sha256[:16]}-{self.width}{crop}-{tag}.{EXTENSIONS[self.fmt]}"

    @cached_property
    def relpath(self) -> str:
        return f"images/{self.name}"


def crop_size(width: int, height: int, aspect: tuple[int, int] | None) -> tuple[int, int]:
    if aspect is None:
        return width, height
    aw, ah = aspect
    if width * ah > height * aw:
        return max(1, round(height * aw / ah)), height
    return width, max(1, round(width * ah / aw))


def scaled(width: int, height: int, target: int) -> tuple[int, int]:
    """Size at ``target`` width, never larger than the source."""
    w = min(target, width)
    return w, max(1, round(height * w / width))


@dataclass(frozen=True)
class Planned:
    key: RenditionKey
    width: int
    height: int


def plan(photo: PhotoInfo, width: int, fmt: str, aspect: tuple[int, int] | None = None) -> Planned:
    cw, ch = crop_size(photo.width, photo.height, aspect)
    w, h = scaled(cw, ch, width)
    key = RenditionKey(photo.id, photo.sha256, w, fmt, aspect, photo.focal, photo.rights_digest())
    return Planned(key, w, h)


class RenditionCache:
    """Encoded renditions on disk, by key name, in one library's folder; ``None``: no disk cache at all.

    The folder is kept under ``cap`` bytes by ``evict``, least recently used
    first (a hit refreshes the file's modification time, as ``noatime``
    mounts would not record the read).
    """

    def __init__(self, folder: Path | None, cap: int = DEFAULT_CACHE_CAP) -> None:
        self.folder = Path(folder) if folder else None
        self.cap = cap

    def path(self, key: RenditionKey) -> Path | None:
        return self.folder / key.sha256[:2] / key.name if self.folder is not None else None

    def get(self, key: RenditionKey) -> bytes | None:
        path = self.path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
            os.utime(path)
        except OSError:
            return None
        return data

    def put(self, key: RenditionKey, data: bytes) -> None:
        """Best effort: a read-only or full cache folder only costs speed."""
        path = self.path(key)
        if path is None:
            return
        try:
            write_atomic(path, data)
        except OSError:
            pass

    def evict(self) -> int:
        """Delete the least recently used files until the folder holds at most ``cap`` bytes; returns how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        files = []
        for path in self.folder.glob("*/*"):
            try:
                info = path.lstat()
            except OSError:
                continue
            files.append((max(info.st_atime, info.st_mtime), info.st_size, path))
        total = sum(size for _used, size, _path in files)
        removed = 0
        for _used, size, path in sorted(files, key=lambda item: item[0]):
            if total <= self.cap:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def make(self, key: RenditionKey, original: bytes, rights: RightsMetadata) -> bytes:
        cached = self.get(key)
        return cached if cached is not None else self.encode(key, original, rights)

    def encode(self, key: RenditionKey, original: bytes, rights: RightsMetadata) -> bytes:
        """Encode and store, for a key already looked up and missed."""
        try:
            rendition = make_rendition(
                original, key.width, key.fmt, aspect=key.aspect, focal=key.focal, rights=rights
            )
        except WorkstationError as exc:
            raise PublishError(f"photo {key.photo_id}: {exc}") from None
        self.put(key, rendition.data)
        return rendition.data


Loader = Callable[[int], tuple[bytes, RightsMetadata]]


def original_loader(session: Session) -> Loader:
    """A photo's verified original and rights, read through ``session`` (which stays on its own thread)."""

    def load(photo_id: int) -> tuple[bytes, RightsMetadata]:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise PublishError(f"photo {photo_id} is not in the library")
        return load_original(session, photo_id), rights_of(photo)

    return load


def encode_all(
    cache: RenditionCache,
    keys: Iterable[RenditionKey],
    load: Loader,
    deliver: Callable[[RenditionKey, bytes], None],
    cancel: Callable[[], bool] | None = None,
) -> None:
    """Make every rendition (cache first), handing each to ``deliver`` on this thread.

    Originals are loaded here, one photo at a time, because the library
    session belongs to this thread; Pillow releases the GIL while it
    encodes, so a small pool of threads keeps both cores busy.
    """
    by_photo: dict[int, list[RenditionKey]] = {}
    for key in keys:
        by_photo.setdefault(key.photo_id, []).append(key)
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for photo_id, photo_keys in by_photo.items():
            if cancel is not None and cancel():
                return
            missing = []
            for key in photo_keys:
                cached = cache.get(key)
                if cached is None:
                    missing.append(key)
                else:
                    deliver(key, cached)
            if not missing:
                continue
            original, rights = load(photo_id)
            futures = [(k, pool.submit(cache.encode, k, original, rights)) for k in missing]
            for key, future in futures:
                deliver(key, future.result())
