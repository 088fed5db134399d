"""Where the caches outside a library live, and forgetting them.

Nothing of a library's words is kept outside its file: rendered pages are
cached in the library itself (``rendercache``). What remains outside is the
image renditions cache, one folder per library under the user's cache
folder (``renditions/<library id>``), trimmed to ``DEFAULT_CACHE_CAP``
after every export, switched off entirely by the library's "Keep no caches
outside the library" setting, and emptied by ``workstation forget-caches``.

Earlier versions kept every exported page of every library in
``rendered.sqlite`` and all renditions in one shared folder; neither is
written any more, and forgetting any library's caches deletes both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.cache_policy import (
    LIBRARY_ID,
    NO_OUTSIDE_CACHES,
    allows_outside,
    ensure_id_plain,
    library_id,
    outside_caches_allowed,
    set_outside_caches_allowed,
    valid_id,
)
from workstation.library.database import Library
from workstation.publish.images import DEFAULT_CACHE_CAP, RenditionCache, default_cache_dir

RENDITIONS = "renditions"
LEGACY_FILES = ("rendered.sqlite", "rendered.sqlite-wal", "rendered.sqlite-shm", "rendered.sqlite-journal")


def _library_id(library: Library, *, create: bool) -> str | None:
    """The library's id, read (and made, the first time) in plain SQL: an export needs no ORM for it."""
    with library.reading() as plain:
        stored = dict(plain.rows("SELECT key, value FROM settings WHERE key IN (?, ?)", (LIBRARY_ID, NO_OUTSIDE_CACHES)))
    if not allows_outside(stored.get(NO_OUTSIDE_CACHES)):
        return None
    known = valid_id(stored.get(LIBRARY_ID))
    if known is not None or not create or library.readonly:
        return known
    # Only a library's first export makes its id, in plain SQL like the rest of the export's work.
    try:
        with library.writing() as plain:
            return ensure_id_plain(plain, LIBRARY_ID)
    except LibraryError:
        # Busy or unwritable: this export goes without a renditions cache.
        return None


def library_cache_folder(library: Library, root: Path | None = None, *, create: bool = True) -> Path | None:
    """This library's renditions folder; None when it keeps no caches outside (or has no id and cannot store one)."""
    found = _library_id(library, create=create)
    return (root or default_cache_dir()) / RENDITIONS / found if found is not None else None


def rendition_cache(library: Library, root: Path | None = None, cap: int = DEFAULT_CACHE_CAP) -> RenditionCache:
    """The renditions cache an export of ``library`` may use (one that keeps nothing, if the library says so)."""
    return RenditionCache(library_cache_folder(library, root), cap)


def _remove(path: Path) -> bool:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return True
    if path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)
        return True
    return False


def forget_shared(root: Path | None = None) -> list[Path]:
    """Delete what earlier versions kept for every library at once (pages and unsorted renditions)."""
    root = root or default_cache_dir()
    removed = [root / name for name in LEGACY_FILES if _remove(root / name)]
    renditions = root / RENDITIONS
    if renditions.is_dir():
        # The old layout sharded by the first two hex digits of a photo's hash; library folders are longer.
        removed += [path for path in renditions.iterdir() if len(path.name) == 2 and _remove(path)]
    return removed


def forget_library_caches(library: Library, root: Path | None = None) -> list[Path]:
    """Delete ``library``'s renditions folder and the shared leftovers of earlier versions."""
    root = root or default_cache_dir()
    removed = forget_shared(root)
    with library.session() as session:
        known = library_id(session)
    if known is not None and _remove(root / RENDITIONS / known):
        removed.append(root / RENDITIONS / known)
    return removed


def forget_all_caches(root: Path | None = None) -> list[Path]:
    """Delete every cache Workstation keeps outside libraries, for every library."""
    root = root or default_cache_dir()
    return [root] if _remove(root) else []


def keeps_no_outside_caches(library: Library) -> bool:
    """Whether the library's "Keep no caches outside the library" setting is on."""
    with library.session() as session:
        return not outside_caches_allowed(session)


def set_keep_no_outside_caches(library: Library, keep_none: bool, root: Path | None = None) -> None:
    """Store the setting; turning it on also deletes what is already kept outside."""
    with library.transaction() as session:
        set_outside_caches_allowed(session, not keep_none)
    if keep_none:
        forget_library_caches(library, root)
