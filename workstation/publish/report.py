"""What an export did, in the one line the command line prints.

Kept apart from ``site`` so that ``workstation export`` can report a folder
that was already right without importing the page builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass
class ExportReport:
    outdir: Path
    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    # Bodies and pages taken from the library's render cache instead of rendered.
    from_cache: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    # Scheduled articles left out because their publication time is still to come: (slug, time).
    held: list[tuple[str, datetime]] = field(default_factory=list)

    def summary(self) -> str:
        articles = "article" if self.articles == 1 else "articles"
        files = "file" if len(self.written) == 1 else "files"
        return (
            f"{self.articles} {articles} exported to {self.outdir}: {len(self.written)} {files} written, "
            f"{self.unchanged} unchanged, {len(self.removed)} removed"
        )
