"""Recognising at once that an output folder already holds what an export would write.

An export's pages depend on the library's content, the export's options and
the code that renders them, and on nothing else (no clock). The stamp is a
digest of those three: the library's change marker (``library.changes``),
the options as given, and a digest of Workstation's own code, templates and
static files. The site writer saves it in the folder's manifest once every
file is in place; ``workstation export`` computes it again first and, when
the two match, no killed export left its journal, and every file the
manifest lists is still there at its size, finishes without importing the
ORM, Markdown, Jinja or the feed writer. The record a finished export keeps
beside the manifest (``publish.export_record``) usually answers without even
reading the manifest: when it holds the stamp and the folder looks as it
left it, folder by folder.

A library without a readable marker never matches, and a write while an
export runs leaves that export's stamp stale (the marker is read before the
snapshot): either way the next export does its ordinary, incremental work.
Nor does a folder match once the time of an article the export held back
(an embargo) has come: nothing in the library changed, but the site must.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import workstation
from workstation.library.changes import read_marker
from workstation.publish import export_record
from workstation.publish.paths import JOURNAL_NAME, MANIFEST_NAME
from workstation.resources import resource


def _sources(folder: str, name: str) -> Iterator[str]:
    """Each ``.py`` file below ``folder`` (called ``name``), as its path, size and modification time.

    A folder that cannot be listed adds none.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                yield from _sources(entry.path, f"{name}/{entry.name}")
        elif entry.name.endswith(".py"):
            info = entry.stat()
            yield f"{name}/{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0"


@cache
def code_version() -> str:
    """A digest of the code that makes pages and facts: new code means new pages.

    It keys the export stamp (``current_site``) and the preflight facts a
    library stores (``preflight_facts.facts_code``), so every export and
    every check works it out, even one that then has nothing to do. The
    package's Python files enter it by path, size and modification time
    (to the nanosecond), not by content: reading and hashing their 1.7 MB
    took 20 ms of each such command. That is the assumption Python's own
    bytecode cache makes (it runs a ``.pyc`` while its source's size and
    time, to the second, are those it recorded), so where bytecode is
    cached a source changed with neither changing is not even the code
    that runs. A file touched or reinstalled unchanged gives a new
    version: the next export does its ordinary incremental work (pages are
    keyed by their inputs, with the renderer and templates by content,
    never by this) and the next check works its facts out again.

    Templates and static files are read as they are at every run, with no
    cache of Python's to vouch for them, and are few and small: they enter
    by content. In the PyInstaller bundle the package's modules are inside
    the executable (only the migrations are files beside it), so a frozen
    build adds the executable's size and modification time: a rebuilt
    bundle is new code even under the same version number.
    """
    digest = hashlib.sha256(workstation.__version__.encode())
    package = Path(workstation.__file__).parent
    digest.update("".join(_sources(str(package), package.name)).encode())
    if getattr(sys, "frozen", False):
        info = os.stat(sys.executable)
        digest.update(f"executable\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for folder in ("templates", "static"):
        for path in sorted(path for path in resource(folder).rglob("*") if path.is_file()):
            data = path.read_bytes()
            digest.update(f"{path.relative_to(path.parents[1])}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()[:32]


def export_stamp(marker: str | None, *, base_url: str | None, drafts: bool, kind: str = "site") -> str:
    """The stamp of an export of a library carrying ``marker``; "" (never matching) without a marker.

    ``kind`` is the kind of export (``writer.KINDS``): a ninjs folder's stamp never matches a site export's.
    """
    if not marker:
        return ""
    options: list[object] = [marker, base_url or "", bool(drafts), code_version()]
    payload = json.dumps(options if kind == "site" else [*options, kind])
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class CurrentSite:
    """A folder found to be exactly what an export would write: how many articles and files it holds."""

    articles: int
    files: int


def _released(release: object, now: datetime | None) -> bool:
    """Whether the held article's time recorded as ``release`` has come (an unreadable one counts as come)."""
    if not release:
        return False
    try:
        moment = datetime.fromisoformat(str(release))
    except ValueError:
        return True
    if moment.tzinfo is None:
        return True
    return (now or datetime.now(timezone.utc)) >= moment


def _manifest_state(outdir: Path) -> list[int] | None:
    """The manifest's inode, size and modification time, as ``export_record`` records them (None if it is gone)."""
    try:
        info = os.stat(os.path.join(outdir, MANIFEST_NAME))
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def current_site(
    library: Path, outdir: Path, *, base_url: str | None, drafts: bool, now: datetime | None = None,
    kind: str = "site",
) -> CurrentSite | None:
    """The folder's contents if exporting ``library`` into ``outdir`` would change nothing; None otherwise.

    A journal in the folder means an export was killed there: the next one
    must finish its work, so the folder is never current then; nor is it
    once a held article is due (``release`` in the manifest).

    The finished export's record (``publish.export_record``) is asked first.
    When it was taken of the manifest in the folder (same inode, size and
    time) and holds another stamp, so does that manifest: the folder is not
    current, and the manifest is left for the export to read. When it
    holds this stamp, no held article is due, and the manifest, every file
    directly in the folder and every folder of the site are as it recorded
    them, the folder is current without the manifest being read. That check
    does not see a file below the top folder rewritten in place (without a
    rename), at any size; the full check below, made whenever the record does
    not vouch, reads the manifest and sees such a file only when its size changed.
    """
    if os.path.lexists(os.path.join(outdir, JOURNAL_NAME)) or not os.path.lexists(os.path.join(outdir, MANIFEST_NAME)):
        # Nothing was exported here (or an export was killed): the library is not even opened.
        return None
    stamp = export_stamp(read_marker(library), base_url=base_url, drafts=drafts, kind=kind)
    if not stamp:
        return None
    found = export_record.read(Path(outdir))
    if found is not None and found.stamp != stamp and _manifest_state(outdir) == found.manifest:
        # The record was taken of this very manifest, which therefore carries the record's stamp, not this one:
        # a changed library is told without reading the manifest, which the export then reads once, not twice.
        return None
    if (
        found is not None and found.stamp == stamp and not _released(found.release, now)
        and export_record.unchanged(Path(outdir), found)
    ):
        return CurrentSite(articles=found.articles, files=found.files)
    try:
        payload = json.loads((Path(outdir) / MANIFEST_NAME).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("files"), dict):
        return None
    if payload.get("stamp") != stamp:
        return None
    if _released(payload.get("release"), now):
        return None
    files: dict[str, dict[str, object]] = payload["files"]
    root = str(outdir)
    for relpath, info in files.items():
        try:
            if os.stat(os.path.join(root, relpath)).st_size != info["size"]:
                return None
        except (OSError, TypeError, KeyError):
            return None
    articles = payload.get("articles")
    return CurrentSite(articles=articles if isinstance(articles, int) else 0, files=len(files))
