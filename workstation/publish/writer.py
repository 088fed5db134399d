"""Writing the site into OUTDIR: atomically, incrementally, and only there.

Every file is written to a temporary name in its own folder, then renamed
over the old one: a crash or Ctrl-C leaves either the old page or the new
one, never half of either. Files are not fsynced one by one: that guards
only against a power cut, costs a third of an export, and the manifest's
size check already rewrites any page a power cut left short. The manifest records what we
wrote (path, content hash, size and a fingerprint of the page's inputs), so a
re-export skips pages whose inputs are unchanged, rewrites only pages whose
bytes changed, and deletes only files we wrote ourselves. A finished
export also records its stamp (``publish.stamp``) and article count, so the
next export of an unchanged library can stop before loading it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.errors import PublishError
from workstation.publish.paths import MANIFEST_NAME, inside

MANIFEST_FORMAT = "workstation-site/1"


def _file_mode() -> int:
    """What a plain ``open()`` would give (0644 under the usual umask): a web server must read the site."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".ws-", suffix=".part", dir=path.parent)
    try:
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


@dataclass
class Entry:
    sha256: str
    size: int
    inputs: str = ""


@dataclass
class SiteWriter:
    """The output folder, seen through our manifest.

    A file enters the manifest only once its rename is done.
    """

    outdir: Path
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, Entry] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    # What this export was made from (``publish.stamp``), saved only once every file is in place.
    stamp: str = ""
    articles: int = 0
    _folders: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def open(cls, outdir: Path) -> SiteWriter:
        """Claim ``outdir``: it must be missing, empty, or an export of ours."""
        outdir = Path(outdir)
        if outdir.exists() and not outdir.is_dir():
            raise PublishError(f"{outdir}: not a folder")
        manifest = outdir / MANIFEST_NAME
        if outdir.is_dir() and not manifest.is_file() and any(outdir.iterdir()):
            raise PublishError(
                f"{outdir}: the folder is not empty and holds no Workstation export; choose an empty folder"
            )
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublishError(f"{outdir}: cannot create the folder ({exc.strerror or exc})") from None
        return cls(outdir=outdir, previous=_read_manifest(manifest) if manifest.is_file() else {})

    def known(self, relpath: str, inputs: str) -> bool:
        """Whether the manifest says this file was made from these inputs (without looking at the disk)."""
        entry = self.previous.get(relpath)
        return entry is not None and bool(inputs) and entry.inputs == inputs

    def fresh(self, relpath: str, inputs: str) -> bool:
        """Whether the file from an earlier export was made from the same inputs."""
        entry = self.previous.get(relpath)
        if entry is None or not inputs or entry.inputs != inputs:
            return False
        # Only a stat: reading a size cannot harm, so the resolve-and-check of
        # ``inside`` (the costly part of a 1,000-page no-op export) is left to writes.
        if _size(self.outdir / relpath) != entry.size:
            return False
        self.current[relpath] = entry
        self.unchanged += 1
        return True

    def target(self, relpath: str) -> Path:
        """``inside``, with each folder checked once: an export writes a thousand files into a few hundred folders."""
        parent, _, name = relpath.rpartition("/")
        if not name or name in (".", ".."):
            raise PublishError(f"refused to write {relpath!r}: outside the output folder")
        return self._folder(parent) / name

    def _folder(self, relpath: str) -> Path:
        known = self._folders.get(relpath)
        if known is not None:
            return known
        if not relpath:
            folder = self.outdir.resolve()
        else:
            above, _, name = relpath.rpartition("/")
            folder = self._folder(above) / name
            if name in ("", ".", "..") or folder.is_symlink():
                # Unusual: let the full check decide (it refuses a link leading out).
                folder = inside(self.outdir, f"{relpath}/x").parent
        self._folders[relpath] = folder
        return folder

    def put(self, relpath: str, data: bytes, inputs: str = "") -> None:
        target = self.target(relpath)
        sha = digest(data)
        entry = Entry(sha256=sha, size=len(data), inputs=inputs)
        old = self.previous.get(relpath)
        if old is not None and old.sha256 == sha and _size(target) == len(data):
            self.unchanged += 1
            self.current[relpath] = entry
            return
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise PublishError(f"{relpath}: cannot be written ({exc.strerror or exc})") from None
        self.current[relpath] = entry
        self.written.append(relpath)

    def keep(self, relpath: str) -> bool:
        """Carry over a file whose name fixes its content (a rendition), if present."""
        entry = self.previous.get(relpath)
        if entry is None or _size(self.outdir / relpath) != entry.size:
            return False
        self.current[relpath] = entry
        self.unchanged += 1
        return True

    def finish(self) -> list[str]:
        """Delete what we wrote before and no longer publish; save the manifest."""
        removed = []
        for relpath in sorted(set(self.previous) - set(self.current)):
            try:
                target = inside(self.outdir, relpath)
            except PublishError:
                continue
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise PublishError(f"{relpath}: cannot be removed ({exc.strerror or exc})") from None
            removed.append(relpath)
            _prune_empty(target.parent, self.outdir.resolve())
        self._save(self.current, finished=True)
        return removed

    def abandon(self) -> None:
        """After a cancel or error: remember every file of ours still on disk (and no stamp: the site is not whole)."""
        self._save({**self.previous, **self.current})

    def _save(self, entries: dict[str, Entry], *, finished: bool = False) -> None:
        payload: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "files": {
                path: {"sha256": e.sha256, "size": e.size, "inputs": e.inputs}
                for path, e in sorted(entries.items())
            },
        }
        if finished and self.stamp:
            payload["stamp"] = self.stamp
            payload["articles"] = self.articles
        write_atomic(self.outdir / MANIFEST_NAME, json.dumps(payload, indent=0).encode())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _read_manifest(path: Path) -> dict[str, Entry]:
    try:
        payload: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PublishError(f"{path}: the export manifest is damaged ({exc}); export into an empty folder") from None
    if not isinstance(payload, dict) or payload.get("format") != MANIFEST_FORMAT:
        raise PublishError(f"{path}: not a Workstation export manifest; export into an empty folder")
    files = payload.get("files")
    if not isinstance(files, dict):
        raise PublishError(f"{path}: the export manifest is damaged (no file list); export into an empty folder")
    entries: dict[str, Entry] = {}
    for relpath, info in files.items():
        if not (isinstance(relpath, str) and isinstance(info, dict)):
            raise PublishError(f"{path}: the export manifest is damaged (bad entry); export into an empty folder")
        try:
            entries[relpath] = Entry(str(info["sha256"]), int(info["size"]), str(info.get("inputs", "")))
        except (KeyError, TypeError, ValueError):
            raise PublishError(
                f"{path}: the export manifest is damaged (bad entry {relpath!r}); export into an empty folder"
            ) from None
    return entries
