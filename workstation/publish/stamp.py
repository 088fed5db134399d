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
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import workstation
from workstation.library.changes import read_marker
from workstation.publish import export_record
from workstation.publish.paths import JOURNAL_NAME, MANIFEST_NAME
from workstation.resources import resource


@cache
def code_version() -> str:
    """A digest of the package's source, templates and static files: new code means new pages."""
    digest = hashlib.sha256(workstation.__version__.encode())
    package = Path(workstation.__file__).parent
    files = sorted(package.rglob("*.py"))
    for folder in ("templates", "static"):
        files += sorted(path for path in resource(folder).rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path.relative_to(path.parents[1])).encode())
        digest.update(path.read_bytes())
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


def current_site(
    library: Path, outdir: Path, *, base_url: str | None, drafts: bool, now: datetime | None = None,
    kind: str = "site",
) -> CurrentSite | None:
    """The folder's contents if exporting ``library`` into ``outdir`` would change nothing; None otherwise.

    A journal in the folder means an export was killed there: the next one
    must finish its work, so the folder is never current then; nor is it
    once a held article is due (``release`` in the manifest).

    The finished export's record (``publish.export_record``) is asked first: when
    it holds this stamp, no held article is due, and the manifest, every file
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
