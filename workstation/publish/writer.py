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
next export of an unchanged library can stop before loading it, and then,
beside the manifest, a small record of the folder as it left it
(``publish.export_record``) so that check need not read the manifest either.

Before each write a line naming the file, the hash of its new content and
the temporary name it is written under is appended to a journal beside the
manifest; the journal is folded into the manifest when the export ends. A
``kill -9``, even during the first export into a new folder, so leaves a
folder the next export knows as its own, down to the temporary file it was
writing, which that export removes.

Nothing in the folder is trusted, since anyone who can write the folder can
plant a manifest or a journal there: export deletes a file only when its path
is one an export produces and its current content hashes to what was
recorded, and replaces an existing file only when the record names it. A
forged record can therefore only name files whose exact bytes its author
already has, at paths a site uses.

The manifest and journal also name the *kind* of export (the static site, or
the ninjs syndication folder): an export refuses a folder another kind
wrote, so neither ever deletes the other's files as "no longer published".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.errors import PublishError, os_reason
from workstation.publish import export_record
from workstation.publish.paths import CURRENT_NAME, JOURNAL_NAME, MANIFEST_NAME, inside, is_site_path

MANIFEST_FORMAT = "workstation-site/1"
JOURNAL_FORMAT = "workstation-journal/1"
JOURNAL_HEADER = {"format": JOURNAL_FORMAT}
# The kinds of export a folder can hold; a manifest or journal naming none holds a site
# (every export before ninjs was one).
SITE_KIND = "site"
NINJS_KIND = "ninjs"
KINDS = (SITE_KIND, NINJS_KIND)
# What ``temp_file_name`` makes: the only names recovery deletes without a hash to check.
TEMP_NAME = re.compile(r"\.ws-[0-9a-f]{16}\.part")
# A manifest line is about 200 bytes: this is room for a million files.
RECORD_LIMIT = 256 * 1024 * 1024


def _file_mode() -> int:
    """What a plain ``open()`` would give (0644 under the usual umask): a web server must read the site."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temp_file_name() -> str:
    return f".ws-{secrets.token_hex(8)}.part"


def write_all(handle: int, data: bytes) -> None:
    """All of ``data`` into the open file ``handle``, straight to the descriptor: a file object would ask
    the terminal and seek first, system calls a thousand small files pay for each."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def _create(temp: Path) -> int:
    return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)


def write_atomic(path: Path, data: bytes, temp_name: str | None = None, *, make_folder: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The temporary file (``temp_name`` when the caller has recorded one) is
    created with ``O_EXCL | O_NOFOLLOW``: never an existing file, never
    through a link planted at its name. A missing folder is made when the
    temporary file cannot be created for want of it, so a folder that exists
    costs no system call; ``make_folder=False``: the caller knows the folder
    exists, and its absence is an error.
    """
    temp = path.parent / (temp_name or temp_file_name())
    try:
        handle = _create(temp)
    except FileNotFoundError:
        if not make_folder:
            raise
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = _create(temp)
    try:
        try:
            write_all(handle, data)
        finally:
            os.close(handle)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
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
    """The output folder, seen through our manifest and journal.

    A file enters the journal just before its rename and the manifest once
    the export ends (``finish``) or stops (``abandon``).
    """

    outdir: Path
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, Entry] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    # What this export was made from (``publish.stamp``), saved only once every file is in place.
    stamp: str = ""
    articles: int = 0
    # Which export this folder belongs to (``KINDS``).
    kind: str = SITE_KIND
    # When the first held (embargoed) article falls due, as ISO 8601: from then on the stamp no longer vouches.
    release: str = ""
    _folders: dict[str, Path] = field(default_factory=dict)
    # Folders (relative paths) this export has made or found in place: no file written into them makes them again.
    _made: set[str] = field(default_factory=set)
    _journal: int | None = None

    @classmethod
    def open(cls, outdir: Path, kind: str = SITE_KIND) -> SiteWriter:
        """Claim ``outdir``: it must be missing, empty, or an export of ours of this ``kind`` (finished or not)."""
        outdir = Path(outdir)
        if outdir.exists() and not outdir.is_dir():
            raise PublishError(f"{outdir}: not a folder")
        manifest, journal = outdir / MANIFEST_NAME, outdir / JOURNAL_NAME
        journaled = journal.is_file() and not journal.is_symlink()
        if outdir.is_dir() and not (manifest.is_file() or journaled) and any(outdir.iterdir()):
            raise PublishError(
                f"{outdir}: the folder is not empty and holds no Workstation export; choose an empty folder"
            )
        previous: dict[str, Entry] = {}
        if manifest.is_file():
            previous, found = _read_manifest(manifest)
            _check_kind(outdir, found, kind)
        records = None
        if journaled:
            records, found = _read_journal(journal)
            _check_kind(outdir, found, kind)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublishError(f"{outdir}: cannot create the folder ({os_reason(exc)})") from None
        try:
            # Only a finished export vouches for the folder: whatever this one does, the old record no longer holds.
            (outdir / CURRENT_NAME).unlink(missing_ok=True)
        except OSError as exc:
            raise PublishError(f"{outdir / CURRENT_NAME}: cannot be removed ({os_reason(exc)})") from None
        writer = cls(outdir=outdir, previous=previous, kind=kind)
        if records is not None:
            writer.previous = writer._recover([(relpath, entry) for relpath, entry, _temp in records])
            writer._save(writer.previous)
            writer._sweep(records)
        writer._start_journal()
        return writer

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
        # Joined by hand: making a ``Path`` for each of a thousand pages took longer than their stats.
        if _size(f"{self.outdir}/{relpath}") != entry.size:
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
        if old is None and os.path.lexists(target):
            raise PublishError(
                f"{relpath}: a file Workstation did not write is in the way; "
                f"move it out of {self.outdir} or choose an empty folder"
            )
        temp = temp_file_name()
        self._note(relpath, entry, temp)
        folder = relpath.rpartition("/")[0]
        try:
            write_atomic(target, data, temp, make_folder=folder not in self._made)
        except OSError as exc:
            raise PublishError(f"{relpath}: cannot be written ({os_reason(exc)})") from None
        self._made.add(folder)
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
            target = self._ours(relpath, self.previous[relpath])
            if target is None:
                continue
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise PublishError(f"{relpath}: cannot be removed ({os_reason(exc)})") from None
            removed.append(relpath)
            _prune_empty(target.parent, self.outdir.resolve())
        self._save(self.current, finished=True)
        self._end_journal()
        if self.stamp:
            try:
                export_record.record(
                    self.outdir, self.current, stamp=self.stamp, articles=self.articles, release=self.release,
                    temp_name=temp_file_name(), mode=FILE_MODE,
                )
            except OSError:
                pass  # Without the record the next export makes the full check: slower, never wrong.
        return removed

    def abandon(self) -> None:
        """After a cancel or error: remember every file of ours still on disk, with no stamp (the site is not whole).

        Never raises: when even the manifest cannot be saved (a full disk),
        the journal already holds the record and the next export reads it.
        """
        try:
            self._save({**self.previous, **self.current})
        except PublishError:
            self._close_journal()
            return
        self._end_journal()

    def _ours(self, relpath: str, entry: Entry) -> Path | None:
        """The file at ``relpath`` if it is one we wrote and still holds our bytes, else None."""
        if not is_site_path(relpath):
            return None
        try:
            target = self.target(relpath)
        except PublishError:
            return None
        return target if _holds(target, entry) else None

    def _recover(self, journaled: list[tuple[str, Entry]]) -> dict[str, Entry]:
        """The manifest plus every journaled file whose bytes on disk are the ones the journal names."""
        merged = dict(self.previous)
        settled: set[str] = set()
        for relpath, entry in reversed(journaled):
            if relpath in settled:
                continue
            if self._ours(relpath, entry) is not None:
                merged[relpath] = entry
                settled.add(relpath)
        return merged

    def _sweep(self, records: list[tuple[str, Entry, str]]) -> None:
        """Delete the temporary files a killed export left, each named in its journal."""
        for relpath, _entry, temp in records:
            if not (TEMP_NAME.fullmatch(temp) and is_site_path(relpath)):
                continue
            folder = relpath.rpartition("/")[0]
            try:
                path = self.target(f"{folder}/{temp}" if folder else temp)
                if stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
            except (PublishError, OSError):
                continue

    def _start_journal(self) -> None:
        """A fresh journal, created where no file is (never through a planted link)."""
        path = self.outdir / JOURNAL_NAME
        try:
            path.unlink(missing_ok=True)
            self._journal = os.open(
                path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_APPEND | os.O_CLOEXEC, FILE_MODE
            )
        except OSError as exc:
            raise PublishError(f"{path}: cannot be created ({os_reason(exc)})") from None
        try:
            self._append(JOURNAL_HEADER if self.kind == SITE_KIND else {**JOURNAL_HEADER, "kind": self.kind})
        except PublishError:
            self._end_journal()
            raise

    def _note(self, relpath: str, entry: Entry, temp: str) -> None:
        self._append(
            {"path": relpath, "sha256": entry.sha256, "size": entry.size, "inputs": entry.inputs, "temp": temp}
        )

    def _append(self, record: dict[str, Any]) -> None:
        if self._journal is None:
            raise PublishError(f"{self.outdir}: the export has already ended")
        try:
            os.write(self._journal, (json.dumps(record) + "\n").encode("utf-8"))
        except OSError as exc:
            raise PublishError(f"{self.outdir / JOURNAL_NAME}: cannot be written ({os_reason(exc)})") from None

    def _close_journal(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    def _end_journal(self) -> None:
        """Once the manifest holds everything, the journal has nothing more to say."""
        self._close_journal()
        try:
            (self.outdir / JOURNAL_NAME).unlink(missing_ok=True)
        except OSError:
            pass

    def _save(self, entries: dict[str, Entry], *, finished: bool = False) -> None:
        payload: dict[str, Any] = {"format": MANIFEST_FORMAT}
        if self.kind != SITE_KIND:
            payload["kind"] = self.kind
        payload |= {
            "files": {
                path: {"sha256": e.sha256, "size": e.size, "inputs": e.inputs}
                for path, e in sorted(entries.items())
            },
        }
        if finished and self.stamp:
            payload["stamp"] = self.stamp
            payload["articles"] = self.articles
            if self.release:
                payload["release"] = self.release
        try:
            # One line: with an indent, json uses its pure-Python encoder, which took most of the time saving it took.
            write_atomic(self.outdir / MANIFEST_NAME, json.dumps(payload).encode())
        except OSError as exc:
            raise PublishError(f"{self.outdir}: the export manifest cannot be saved ({os_reason(exc)})") from None


def _size(path: Path | str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


def _holds(path: Path, entry: Entry) -> bool:
    """Whether ``path`` is a regular file (not a link) whose bytes hash to ``entry``'s."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    with open(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size != entry.size:
            return False
        return hashlib.file_digest(stream, "sha256").hexdigest() == entry.sha256


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _read_record(path: Path, kind: str) -> str:
    """A manifest or journal's text, read without following a link and never beyond ``RECORD_LIMIT``."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise PublishError(f"{path}: not a Workstation export {kind}; export into an empty folder")
            data = stream.read(RECORD_LIMIT + 1)
    except OSError as exc:
        raise PublishError(f"{path}: cannot be read ({os_reason(exc)}); export into an empty folder") from None
    if len(data) > RECORD_LIMIT:
        raise PublishError(f"{path}: the export {kind} is too large; export into an empty folder")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PublishError(f"{path}: the export {kind} is damaged ({exc}); export into an empty folder") from None


def _entry(info: Any) -> Entry:
    """Raises ``KeyError``, ``TypeError`` or ``ValueError`` for anything but a well-formed entry."""
    if not isinstance(info, dict):
        raise TypeError("not an object")
    return Entry(str(info["sha256"]), int(info["size"]), str(info.get("inputs", "")))


def _check_kind(outdir: Path, found: str, wanted: str) -> None:
    """Refuse a folder another kind of export wrote ("" found: a journal cut short before it said)."""
    if found and found != wanted:
        raise PublishError(
            f"{outdir}: the folder holds a Workstation {found} export, not a {wanted} one; choose another folder"
        )


def _kind(payload: dict[str, Any]) -> str:
    return str(payload.get("kind", SITE_KIND))


def _read_manifest(path: Path) -> tuple[dict[str, Entry], str]:
    try:
        payload: Any = json.loads(_read_record(path, "manifest"))
    except json.JSONDecodeError as exc:
        raise PublishError(f"{path}: the export manifest is damaged ({exc}); export into an empty folder") from None
    if not isinstance(payload, dict) or payload.get("format") != MANIFEST_FORMAT:
        raise PublishError(f"{path}: not a Workstation export manifest; export into an empty folder")
    files = payload.get("files")
    if not isinstance(files, dict):
        raise PublishError(f"{path}: the export manifest is damaged (no file list); export into an empty folder")
    entries: dict[str, Entry] = {}
    for relpath, info in files.items():
        try:
            entries[relpath] = _entry(info)
        except (KeyError, TypeError, ValueError):
            raise PublishError(
                f"{path}: the export manifest is damaged (bad entry {relpath!r}); export into an empty folder"
            ) from None
    return entries, _kind(payload)


def _read_journal(path: Path) -> tuple[list[tuple[str, Entry, str]], str]:
    """The journal's (path, entry, temporary name) records in order, and the kind of export that wrote it
    ("" when the journal was cut short before its header was whole).

    A line cut short by a crash is skipped: the rename it announced never happened.
    """
    text = _read_record(path, "journal")
    for kind in KINDS:
        header_line = json.dumps(JOURNAL_HEADER if kind == SITE_KIND else {**JOURNAL_HEADER, "kind": kind}) + "\n"
        if header_line.startswith(text):
            # Cut short while it was being created: nothing was written after it, by any kind of export.
            return [], ""
    lines = text.split("\n")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != JOURNAL_FORMAT:
        raise PublishError(f"{path}: not a Workstation export journal; export into an empty folder")
    records = []
    for line in lines[1:]:
        try:
            record = json.loads(line)
            records.append((str(record["path"]), _entry(record), str(record.get("temp", ""))))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            continue
    return records, _kind(header)
