"""Photo renditions for pages: which files a page needs, and making them once.

Pages only *ask* for renditions (by a key that names the photo's content
hash, width, format, crop, focal point, the rights text embedded in the
file and the version of the way renditions are made); the encoding
happens in parallel (``Encoder``), beside the pages' rendering, and only
for keys the cache does not already hold.

The cache lives in the user's cache folder (platformdirs), not in OUTDIR:
the output folder is what gets uploaded, so it must hold nothing but the
site. Each library has its own folder there, named by the library's id and
capped in size (``publish.caches``), so forgetting one library's pictures
forgets nothing else; a second export to a new folder re-encodes nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, TYPE_CHECKING

from platformdirs import user_cache_dir

from workstation.errors import PublishError, WorkstationError
from workstation.library.database import Library
from workstation.library.original_check import read_original
from workstation.photos.rights import RightsMetadata
from workstation.photos.shapes import HELD_IN_MEMORY, RENDITION_VERSION, Original, rendition_size
from workstation.publish.parallel import available_cores, job_pool, stopped
from workstation.publish.writer import SiteWriter, write_atomic

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Open Graph and schema.org want a few fixed shapes of the lead photo.
SOCIAL_ASPECTS: tuple[tuple[int, int], ...] = ((16, 9), (4, 3), (1, 1))
SOCIAL_WIDTH = 1600
FALLBACK_WIDTH = 960
LEAD_SIZES = "(min-width: 60rem) 54rem, calc(100vw - 2rem)"
BODY_SIZES = "(min-width: 48rem) 42rem, 100vw"
EXTENSIONS = {"jpeg": "jpg", "webp": "webp"}
MIMES = {"jpeg": "image/jpeg", "webp": "image/webp"}
# Decoded pixels the rendition pool may hold at once (about 200 MB as RGB):
# a 100-megapixel PNG decodes alone, camera JPEGs (at draft scale) side by side.
PIXEL_BUDGET = 64_000_000


# A library's rendition folder is trimmed to this size after each export (1 GiB).
DEFAULT_CACHE_CAP = 1 << 30


def default_cache_dir() -> Path:
    """The root of every cache Workstation keeps outside a library (``forget-caches`` empties it)."""
    return Path(user_cache_dir("workstation", appauthor=False))


class PhotoInfo(NamedTuple):
    """What a page needs to know about a photo without touching its bytes."""

    id: int
    sha256: str
    width: int
    height: int
    focal: tuple[float, float]
    rights: RightsMetadata

    def rights_digest(self) -> str:
        return self.rights.digest()[:10]


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
        # The rendition version is in the name: files an earlier version made, kept in the cache or the
        # folder, are never taken for this version's.
        tag = hashlib.sha256(repr((RENDITION_VERSION, self.focal, self.rights)).encode()).hexdigest()[:8]
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


class Planned(NamedTuple):
    key: RenditionKey
    width: int
    height: int


def plan(photo: PhotoInfo, width: int, fmt: str, aspect: tuple[int, int] | None = None) -> Planned:
    w, h = rendition_size(crop_size(photo.width, photo.height, aspect), width, fmt)
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

    def make(self, key: RenditionKey, original: Original, rights: RightsMetadata) -> bytes:
        cached = self.get(key)
        if cached is not None:
            return cached
        data = encode_photo([key], original, rights)[0]
        self.put(key, data)
        return data


def encode_photo(keys: Sequence[RenditionKey], original: Original, rights: RightsMetadata) -> list[bytes]:
    """The files of ``keys``, renditions of one photo, from one decoding of it (picklable: it runs in workers)."""
    from workstation.photos.renditions import Request, make_renditions  # Pillow: see ``Encoder._submit``

    try:
        renditions = make_renditions(
            original, [Request(k.width, k.fmt, k.aspect) for k in keys], focal=keys[0].focal, rights=rights
        )
    except WorkstationError as exc:
        raise PublishError(f"photo {keys[0].photo_id}: {exc}") from None
    return [rendition.data for rendition in renditions]


# A photo's original (bytes, or a file the caller closes: see ``held``) and its rights.
Loader = Callable[[int], tuple[Original, RightsMetadata]]


@contextmanager
def held(original: Original) -> Iterator[Original]:
    """``original`` for the length of a ``with`` block; a file is closed after it."""
    try:
        yield original
    finally:
        if not isinstance(original, bytes):
            original.close()


def original_loader(session: Session) -> Loader:
    """A photo's verified original and rights, read through ``session`` (which stays on its own thread).

    An original up to ``HELD_IN_MEMORY`` comes as bytes (it can go to a
    worker process); a larger one as a file the caller closes, read from
    the library a chunk at a time (``library.original_store``), never whole.
    The ORM is imported here, when an original is needed: an export whose
    renditions are all in place (one edited article) never loads it.
    """
    from workstation.library.models import Photo
    from workstation.library.original_store import open_original
    from workstation.library.photos import load_original, rights_of

    def load(photo_id: int) -> tuple[Original, RightsMetadata]:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise PublishError(f"photo {photo_id} is not in the library")
        if photo.size_bytes > HELD_IN_MEMORY:
            return open_original(session, photo_id), rights_of(photo)
        return load_original(session, photo_id), rights_of(photo)

    return load


class Encoder:
    """Renditions being made in ``pool`` while this thread does other work (an export writes its pages).

    One job per photo decodes it once for all its renditions
    (``encode_photo``), in ``pool``: forked processes on every core for a
    command-line export, threads in the app (``parallel.job_pool``).
    Originals are loaded here, one photo at a time, because the library
    session belongs to this thread, and only this thread writes the cache
    and hands files on. A job starts only while the pixels it will decode fit
    in ``budget`` beside those of the jobs running (a photo larger than the
    budget runs alone), so memory stays bounded however large the photos.

    Work may start before every rendition is known (``start`` with what is
    planned so far); ``finish`` is given the final list. A photo whose
    renditions were all planned when its job started is delivered as it
    was made; one that gained a rendition since is made again with all of
    them, since a photo's files depend on which sizes are made together
    (see ``encode_all``). Nothing is stored or delivered before ``finish``.
    A photo whose renditions cannot be made is a warning, not the end of
    the export: its pages lack that picture.
    """

    def __init__(self, cache: RenditionCache, pool: Executor, load: Loader, *, workers: int,
                 cancel: Callable[[], bool] | None = None, budget: int = PIXEL_BUDGET) -> None:
        self.cache = cache
        self.pool = pool
        self.load = load
        self.workers = max(1, workers)
        self.cancel = cancel
        self.budget = budget
        self.warnings: list[str] = []
        # Photos waiting for a job, in order, by photo id.
        self.waiting: dict[int, list[RenditionKey]] = {}
        self.running: dict[Future[list[bytes]], tuple[list[RenditionKey], int]] = {}
        # What each photo's finished job made (None: it failed, and the warning is said) and whether it was
        # encoded (not read from the cache), by photo id.
        self.made: dict[int, tuple[list[RenditionKey], list[bytes] | None, bool]] = {}
        # The final renditions and where they go, once ``finish`` knows them.
        self.final: dict[int, list[RenditionKey]] | None = None
        self.deliver: Callable[[RenditionKey, bytes], None] = lambda key, data: None

    def start(self, keys: Iterable[RenditionKey]) -> None:
        """Begin on the photos of ``keys`` (all of a photo's renditions planned so far), as the budget allows."""
        for photo_keys in _by_photo(keys).values():
            photo_id = photo_keys[0].photo_id
            if photo_id not in self.made and not self._started(photo_id):
                self.waiting[photo_id] = photo_keys
        self.pump()

    def pump(self) -> None:
        """Take in the jobs that have finished and start waiting ones while they fit; never blocks."""
        self._collect(block=False)
        self._submit()

    def finish(self, keys: Iterable[RenditionKey], deliver: Callable[[RenditionKey, bytes], None]) -> list[str]:
        """Make every rendition of ``keys`` (cache first), storing and handing each to ``deliver``; returns warnings."""
        self.final = _by_photo(keys)
        self.deliver = deliver
        for photo_id, made in list(self.made.items()):
            self._settle(photo_id, *made)
        for photo_id, photo_keys in self.final.items():
            if photo_id not in self.made and not self._started(photo_id):
                self.waiting[photo_id] = photo_keys
        self.waiting = {photo_id: self.final[photo_id] for photo_id in self.waiting if photo_id in self.final}
        # Once cancelled, the jobs running are waited for and nothing more is started.
        while self.running or (self.waiting and not self._cancelled()):
            self._submit()
            self._collect(block=True)
        return self.warnings

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel()

    def _started(self, photo_id: int) -> bool:
        return photo_id in self.waiting or any(keys[0].photo_id == photo_id for keys, _cost in self.running.values())

    def _submit(self) -> None:
        while self.waiting and not self._cancelled():
            if self.running and len(self.running) >= 2 * self.workers:
                return
            if self.final is None and len(self.made) >= 2 * self.workers:
                # Before ``finish`` nothing is handed on: a few photos' files held keep the workers busy until
                # it comes, more would only hold memory.
                return
            photo_id = next(iter(self.waiting))
            photo_keys = self.waiting[photo_id]
            cached = [self.cache.get(key) for key in photo_keys]
            if None not in cached:
                del self.waiting[photo_id]
                self._done(photo_keys, cached, encoded=False)  # type: ignore[arg-type]
                continue
            # All of the photo's renditions are made again when any is missing: each is resized from the
            # smallest larger one made with it, so making only the missing ones would give other bytes
            # than a cold export (a page's files must not depend on what the cache held).
            original, rights = self.load(photo_id)
            if not isinstance(original, bytes):
                # A large original, open as a file: encoded here, as no file goes to a worker.
                del self.waiting[photo_id]
                with held(original):
                    try:
                        self._done(photo_keys, encode_photo(photo_keys, original, rights))
                    except PublishError as exc:
                        self._failed(photo_keys, exc)
                continue
            # Pillow (15-20 ms to import) only once a photo must be encoded: an export whose pictures are all
            # made plans them from ``shapes`` and never imports it. Imported here, before the job that
            # forks the workers left to fork at their first job (``parallel.job_pool``), they inherit it.
            from workstation.photos.renditions import Request, decoded_pixels

            cost = decoded_pixels(original, [Request(k.width, k.fmt, k.aspect) for k in photo_keys], photo_keys[0].focal)
            if self.running and sum(c for _k, c in self.running.values()) + cost > self.budget:
                return
            del self.waiting[photo_id]
            try:
                self.running[self.pool.submit(encode_photo, photo_keys, original, rights)] = (photo_keys, cost)
            except BrokenExecutor:  # a forked pool's BrokenProcessPool (named so, it would import the pool)
                raise stopped("rendition") from None

    def _collect(self, *, block: bool) -> None:
        if not self.running:
            return
        done, _ = wait(self.running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            photo_keys, _cost = self.running.pop(future)
            try:
                results = future.result()
            except PublishError as exc:
                self._failed(photo_keys, exc)
                continue
            except BrokenExecutor:  # a forked pool's BrokenProcessPool (named so, it would import the pool)
                raise stopped("rendition") from None
            self._done(photo_keys, results)

    def _failed(self, photo_keys: list[RenditionKey], exc: PublishError) -> None:
        self.warnings.append(f"{exc}; published without it")
        self._done(photo_keys, None)

    def _done(self, photo_keys: list[RenditionKey], results: list[bytes] | None, *, encoded: bool = True) -> None:
        photo_id = photo_keys[0].photo_id
        self.made[photo_id] = (photo_keys, results, encoded)
        if self.final is not None:
            self._settle(photo_id, photo_keys, results, encoded)

    def _settle(self, photo_id: int, photo_keys: list[RenditionKey], results: list[bytes] | None,
                encoded: bool) -> None:
        """Deliver a finished photo whose renditions are the final ones; send one that gained some back to work."""
        assert self.final is not None
        wanted = self.final.get(photo_id)
        if wanted is None:
            return
        if photo_keys != wanted:
            del self.made[photo_id]
            self.waiting[photo_id] = wanted
            return
        if results is None:
            return
        for key, data in zip(photo_keys, results):
            if encoded:
                self.cache.put(key, data)
            self.deliver(key, data)
        # Handed on: the files are let go (the photo stays known as done).
        self.made[photo_id] = (photo_keys, None, encoded)


def _by_photo(keys: Iterable[RenditionKey]) -> dict[int, list[RenditionKey]]:
    by_photo: dict[int, list[RenditionKey]] = {}
    for key in keys:
        by_photo.setdefault(key.photo_id, []).append(key)
    return by_photo


def photo_count(keys: Iterable[RenditionKey]) -> int:
    return len({key.photo_id for key in keys})


def encode_all(
    cache: RenditionCache,
    keys: Iterable[RenditionKey],
    load: Loader,
    deliver: Callable[[RenditionKey, bytes], None],
    cancel: Callable[[], bool] | None = None,
    budget: int = PIXEL_BUDGET,
    pool: Callable[[int], AbstractContextManager[Executor]] = job_pool,
) -> list[str]:
    """Make every rendition (cache first), storing and handing each to ``deliver`` on this thread; returns warnings.

    The renditions are all known: an ``Encoder`` in a pool of its own, one
    worker a core (``parallel.job_pool``), at most one a photo.
    """
    keys = list(keys)
    workers = max(1, min(available_cores(), photo_count(keys)))
    with pool(workers) as executor:
        encoder = Encoder(cache, executor, load, workers=workers, cancel=cancel, budget=budget)
        return encoder.finish(keys, deliver)


@contextmanager
def library_originals(library: Library, rights: Callable[[int], RightsMetadata] | None = None) -> Iterator[Loader]:
    """A ``Loader`` of ``library``'s originals.

    Given the photos' ``rights`` (an export has them in its catalog, by the
    same rule as ``library.photos.rights_of``), an original held in memory
    is read in plain SQL (``original_check.read_original``), so a first
    export never imports the ORM. Otherwise, and for an original larger than
    ``HELD_IN_MEMORY``, it is read through one session, opened (and the ORM
    imported) only once it is needed: renditions copied from the cache into
    a new folder need neither.
    """
    with ExitStack() as stack:
        loader: Loader | None = None

        def through_session(photo_id: int) -> tuple[Original, RightsMetadata]:
            nonlocal loader
            if loader is None:
                loader = original_loader(stack.enter_context(library.session()))
            return loader(photo_id)

        def load(photo_id: int) -> tuple[Original, RightsMetadata]:
            if rights is not None:
                with library.reading() as plain:
                    data = read_original(plain, photo_id)
                if data is not None:
                    return data, rights(photo_id)
            return through_session(photo_id)

        yield load


def write_renditions(
    library: Library,
    writer: SiteWriter,
    wanted: dict[str, RenditionKey],
    cache: RenditionCache,
    cancel: Callable[[], bool] | None = None,
) -> list[str]:
    """Put every wanted rendition (by OUTDIR path) into ``writer``'s folder; returns warnings.

    A file an earlier export left in place is kept as it is (its name fixes
    its content); the rest come from the cache or are encoded (``encode_all``).
    """
    missing = [key for path, key in sorted(wanted.items()) if not writer.keep(path)]
    if not missing:
        return []
    with library_originals(library) as load:
        return encode_all(cache, missing, load, lambda key, data: writer.put(key.relpath, data), cancel)
