"""``workstation export-authors LIBRARY DIR``: every profile as a front-matter Markdown file.

Each author becomes ``DIR/<slug>.md`` (the bio as the body) and, when they
have an avatar, ``DIR/<slug>.jpg`` or ``.png`` beside it: exactly what
``workstation import`` reads, so profiles can be edited in any text editor,
kept in version control, and imported back. Everything is written to a
staging folder inside DIR first and moved into place only when complete,
and no path is ever written outside DIR.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import undefer

from workstation.cli.targets import Target, add_library_argument
from workstation.cli.terminal import say
from workstation.errors import WorkstationError
from workstation.library.authors import profile_front_matter
from workstation.library.database import open_library
from workstation.library.models import Author

AVATAR_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_library_argument(parser)
    parser.add_argument("dir", type=Path, help="folder to write the profiles into (created if missing)")


def run(args: argparse.Namespace) -> int:
    written = export_authors(args.library, args.dir)
    say(f"wrote {written} author profile{'s' if written != 1 else ''} to {args.dir}")
    return 0


def export_authors(library_path: Target, outdir: Path) -> int:
    """Write every profile into ``outdir``; returns how many were written."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise WorkstationError(f"{outdir}: exists and is not a folder")
    if not outdir.parent.is_dir():
        raise WorkstationError(f"{outdir}: the folder {outdir.parent} does not exist")
    with open_library(library_path, readonly=True) as library, library.session() as session:
        authors = list(session.scalars(select(Author).options(undefer(Author.avatar)).order_by(Author.slug)))
        files = _profile_files(authors)
    outdir.mkdir(exist_ok=True)
    root = outdir.resolve()
    for name in files:
        # One plain name per file: os.replace then swaps even a planted symlink for a regular file.
        if Path(name).name != name or name.startswith(".") or "\\" in name:
            raise WorkstationError(f"author file name {name!r} would be written outside {outdir}")
    staging = Path(tempfile.mkdtemp(prefix=".export-authors-", dir=root))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        for name in files:
            os.replace(staging / name, root / name)
    except OSError as exc:
        raise WorkstationError(f"{outdir}: could not write the profiles ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(authors)


def _profile_files(authors: list[Author]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for author in authors:
        avatar_name = None
        if author.avatar is not None:
            avatar_name = author.slug + AVATAR_SUFFIXES.get(author.avatar_mime, ".jpg")
            files[avatar_name] = author.avatar
        files[f"{author.slug}.md"] = profile_document(author, avatar_name).encode("utf-8")
    return files


def profile_document(author: Author, avatar_file: str | None) -> str:
    """The ``---`` fenced YAML front matter, then the bio."""
    front = yaml.safe_dump(
        profile_front_matter(author, avatar_file), allow_unicode=True, sort_keys=False, width=1_000_000
    )
    bio = author.bio.strip()
    return f"---\n{front}---\n\n{bio}\n" if bio else f"---\n{front}---\n"
