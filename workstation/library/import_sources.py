"""Which files an import takes from the paths it is given, for the command line and the photo desk alike.

A file named explicitly is the user's choice: it is imported if its kind
is one an import takes, and refused with a reason otherwise. A folder is
walked recursively; hidden files and folders are left out, files of other
kinds are counted as skipped, and a link leading out of the folder is
refused: a folder received from someone else must not be able to import
(and so publish) a file from elsewhere on this disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workstation.library.import_report import ImportReport
from workstation.photos.ingest import IMAGE_SUFFIXES
from workstation.regular_files import real_path

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# XMP sidecars are read with the image beside them (``photos.ingest.sidecar_path``), not imported themselves.
SIDECAR_SUFFIX = ".xmp"
MARKDOWN = "markdown"
IMAGE = "image"
EVERY_KIND = frozenset({MARKDOWN, IMAGE})
# What the photo desk takes.
IMAGES_ONLY = frozenset({IMAGE})
_DESCRIBED = {
    EVERY_KIND: "not a Markdown file (.md) or an image (JPEG, PNG, WebP, GIF, TIFF)",
    IMAGES_ONLY: "not an image (JPEG, PNG, WebP, GIF, TIFF)",
}


@dataclass
class ImportFiles:
    """The files found, each once, in a stable order, and where each was found."""

    markdown: list[Path] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    # Files the user named themselves, resolved: the only ones an article may
    # refer to from outside its own folder.
    named: set[Path] = field(default_factory=set)
    # The folder each file was imported through (resolved): a file named on its
    # own is imported through the folder holding it.
    roots: dict[Path, Path] = field(default_factory=dict)
    # The folders named (resolved).
    folders: list[Path] = field(default_factory=list)

    def may_refer_to(self, markdown: Path, target: Path) -> bool:
        """Whether an article or profile may bring in the file ``target`` (resolved).

        It may if the file lies inside the folder the Markdown file was
        imported through or inside any folder named, or if it was named itself.
        """
        root = self.roots.get(markdown) or real_path(markdown.parent)
        return target in self.named or any(target.is_relative_to(folder) for folder in [root, *self.folders])


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return MARKDOWN
    if suffix in IMAGE_SUFFIXES:
        return IMAGE
    return None


def expand_paths(
    paths: Iterable[Path | str], report: ImportReport, kinds: frozenset[str] = EVERY_KIND
) -> ImportFiles:
    """Every importable file under ``paths``; refusals and skipped files go to ``report``."""
    files = ImportFiles()
    seen: set[Path] = set()

    def add(path: Path, root: Path, named: bool) -> None:
        resolved = real_path(path)
        if resolved in seen:
            return
        kind = kind_of(path)
        if kind is None and path.suffix.lower() == SIDECAR_SUFFIX:
            if named:
                report.refuse(path, "an XMP sidecar: it is read with the image of the same name beside it")
            return
        if kind not in kinds:
            if named:
                report.refuse(path, _DESCRIBED.get(kinds, "not a kind of file this import takes"))
            else:
                report.skipped.append(path)
            return
        if not named and not resolved.is_relative_to(root):
            report.refuse(path, f"a link to a file outside the imported folder ({root}); name that file itself to import it")
            return
        seen.add(resolved)
        files.roots[path] = root
        if named:
            files.named.add(resolved)
        (files.markdown if kind == MARKDOWN else files.images).append(path)

    for path in map(Path, paths):
        if path.is_dir():
            root = real_path(path)
            files.folders.append(root)
            for folder, subfolders, names in os.walk(path, onerror=lambda exc, path=path: _unreadable(report, exc)):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith("."):
                        add(Path(folder) / name, root, named=False)
        elif os.path.lexists(path):
            add(path, real_path(path.parent), named=True)
        else:
            report.refuse(path, "no such file or folder")
    return files


def _unreadable(report: ImportReport, exc: OSError) -> None:
    report.refuse(Path(exc.filename or "?"), f"the folder cannot be read ({exc.strerror or exc})")
