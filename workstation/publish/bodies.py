"""Rendered article bodies, cached on disk by what they were rendered from.

The key is the body's text plus everything its references resolved to plus
the version of the Markdown renderer's own code, so a cached fragment is
exactly what rendering again would produce. This is what lets a full export
skip Markdown for unchanged text, as Pelican's content cache does.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import workstation.content
from workstation.publish.writer import write_atomic


@cache
def renderer_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(workstation.content.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class BodyCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, fingerprint: str) -> str:
        return hashlib.sha256(f"{renderer_version()}:{fingerprint}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        try:
            return (self.folder / key[:2] / f"{key}.html").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, html: str) -> None:
        """Best effort: a cache that cannot be written only costs speed."""
        try:
            write_atomic(self.folder / key[:2] / f"{key}.html", html.encode("utf-8"))
        except OSError:
            pass
