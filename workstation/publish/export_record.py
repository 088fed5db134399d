"""The small record beside the manifest that vouches for a finished export without reading the manifest.

At a decade's archive the manifest lists half a million files (about 90 MB):
reading it and looking at the size of every file it lists takes seconds,
most of an unchanged export. Once an export has finished, the writer also
records (``record``) its stamp, article and file counts and held-article
release, and how the folder looked then: every folder holding a file of the
site, with its inode and modification time; every file directly in the
output folder, and the manifest itself, with inode, size and modification
time; and the names in the output folder (whose own time the record itself
changes when it is written). Creating, deleting or renaming a file changes its folder's
modification time, and every write of an export is a rename, so
``unchanged`` can tell with one ``stat`` a folder that a file was added to,
removed from or renamed into (a page replaced by another program writing
atomically, too) since the export, without listing it.

What it does not see: a file rewritten in place (opened and written,
without a rename) in a folder below the output folder, whatever its new
size; the full check of ``publish.stamp`` sees such a file only when its
size changed. Nor does it see a change made while the export was
finishing, between the manifest being saved and this record being taken.

Times on disk are coarse (a few milliseconds on ext4, two seconds on FAT):
a change in the same tick as a folder's last write would leave its time as
it was. The record is therefore written only once the file system's clock
has moved past every time it holds, so any later change gives a newer time;
when the clock does not move within a moment, no record is written and the
next export makes the full check.

Anything wrong with the record (missing, damaged, of the wrong shape, too
large, naming a path outside the site) means only that the full check runs.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from workstation.publish.paths import CURRENT_NAME, MANIFEST_NAME, SITE_ROOTS

CURRENT_FORMAT = "workstation-current/1"
# About 60 bytes a folder: room for a million folders.
CURRENT_LIMIT = 64 * 1024 * 1024
# How long ``record`` waits for the file system's clock to tick past the export's last write.
CLOCK_WAIT = 0.05


class Record(NamedTuple):
    """What a finished export recorded about itself and the folder."""

    stamp: str
    articles: int
    files: int
    release: str
    manifest: list[int]
    names: list[str]
    top: dict[str, list[int]]
    folders: dict[str, list[int]]


def _file_state(path: str) -> list[int]:
    info = os.stat(path)
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _folder_state(path: str) -> list[int]:
    info = os.stat(path)
    return [info.st_ino, info.st_mtime_ns]


def _names(root: str) -> list[str]:
    return sorted(name for name in os.listdir(root) if name != CURRENT_NAME)


def _site_folders(relpaths: Iterable[str]) -> tuple[set[str], list[str]]:
    """Every folder (below the output folder) holding a file of ``relpaths``, and the files directly in it."""
    folders: set[str] = set()
    top: list[str] = []
    for relpath in relpaths:
        parent = relpath.rpartition("/")[0]
        if not parent:
            top.append(relpath)
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders, top


def record(
    outdir: Path, relpaths: Iterable[str], *, stamp: str, articles: int, release: str, temp_name: str, mode: int
) -> None:
    """Save the record of the export that just wrote ``relpaths`` into ``outdir`` (after its manifest).

    It is written under ``temp_name`` with ``mode``, then renamed into place.

    Raises ``OSError`` when the folder cannot be looked at or written; the caller
    may ignore it, since a missing record only costs the next export the full check.
    """
    root = str(outdir)
    paths = list(relpaths)
    folders, top = _site_folders(paths)
    payload: dict[str, Any] = {
        "format": CURRENT_FORMAT,
        "stamp": stamp,
        "articles": articles,
        "files": len(paths),
        "release": release,
        "manifest": _file_state(os.path.join(root, MANIFEST_NAME)),
        "names": _names(root),
        "top": {name: _file_state(os.path.join(root, name)) for name in top},
        # Joined by hand: ``os.path.join`` took as long as the stat itself, a hundred thousand times over.
        "folders": {folder: _folder_state(f"{root}/{folder}") for folder in sorted(folders)},
    }
    latest = max(
        [payload["manifest"][2]]
        + [state[2] for state in payload["top"].values()]
        + [state[1] for state in payload["folders"].values()]
    )
    temp = os.path.join(root, temp_name)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            ticked = _clock_passed(stream.fileno(), latest)
            if ticked:
                stream.write(json.dumps(payload).encode())
        if ticked:
            os.replace(temp, os.path.join(root, CURRENT_NAME))
            return
    except BaseException:
        _discard(temp)
        raise
    _discard(temp)


def _discard(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _clock_passed(handle: int, latest: int) -> bool:
    """Whether the file system stamps the open file ``handle`` later than ``latest``, waiting a moment for it."""
    deadline = time.monotonic() + CLOCK_WAIT
    while os.fstat(handle).st_mtime_ns <= latest:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
        os.utime(handle)
    return True


def _ints(value: object, count: int) -> bool:
    return (
        type(value) is list and len(value) == count and all(type(item) is int for item in value)  # noqa: E721
    )


def _site_folder(relpath: object) -> bool:
    """Whether ``relpath`` names a folder an export could have made (never one outside the output folder)."""
    # No part empty or starting with a dot (so none is ".."), and the first one a site's.
    return (
        type(relpath) is str and relpath.partition("/")[0] in SITE_ROOTS  # noqa: E721
        and "/." not in relpath and "//" not in relpath and not relpath.endswith("/")
    )


def read(outdir: Path) -> Record | None:
    """The folder's record, or None when it is missing, damaged, too large or of the wrong shape."""
    try:
        handle = os.open(os.path.join(outdir, CURRENT_NAME), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            data = stream.read(CURRENT_LIMIT + 1)
        if len(data) > CURRENT_LIMIT:
            return None
        payload = json.loads(data)
    except (OSError, ValueError, RecursionError):
        return None
    if type(payload) is not dict or payload.get("format") != CURRENT_FORMAT:  # noqa: E721
        return None
    stamp, articles, files, release = (payload.get(key) for key in ("stamp", "articles", "files", "release"))
    manifest, names, top, folders = (payload.get(key) for key in ("manifest", "names", "top", "folders"))
    if not (
        type(stamp) is str and type(articles) is int and type(files) is int and type(release) is str  # noqa: E721
        and _ints(manifest, 3) and type(names) is list and type(top) is dict and type(folders) is dict  # noqa: E721
    ):
        return None
    if not all(name in SITE_ROOTS and _ints(state, 3) for name, state in top.items()):
        return None
    if not all(_site_folder(folder) and _ints(state, 2) for folder, state in folders.items()):
        return None
    return Record(stamp, articles, files, release, manifest, names, top, folders)


def unchanged(outdir: Path, found: Record) -> bool:
    """Whether the manifest, the names and files in the output folder and every folder of the site
    are as ``found`` recorded them."""
    root = str(outdir)
    try:
        if _file_state(os.path.join(root, MANIFEST_NAME)) != found.manifest or _names(root) != found.names:
            return False
        for name, state in found.top.items():
            if _file_state(os.path.join(root, name)) != state:
                return False
        for folder, (inode, mtime) in found.folders.items():
            info = os.stat(f"{root}/{folder}")
            if info.st_mtime_ns != mtime or info.st_ino != inode:
                return False
    except OSError:
        return False
    return True
