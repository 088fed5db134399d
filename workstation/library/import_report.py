"""What one import did with every file it was given: the one report the command line and the photo desk share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workstation.regular_files import printable_name, printable_path


@dataclass(frozen=True)
class Refusal:
    """A file that was not imported, and why (one line, without the file's name)."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        """The file's name, safe to show (undecodable bytes and control characters escaped)."""
        return printable_name(self.path)

    def __str__(self) -> str:
        return f"{printable_path(self.path)}: {self.reason}"


@dataclass
class ImportReport:
    articles: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    # Photos created by this import, in file order.
    photos: list[int] = field(default_factory=list)
    # Image files whose bytes were already a photo of the library, and that photo.
    duplicates: list[tuple[Path, int]] = field(default_factory=list)
    # Every photo the image files ended up as, new or already there, in file
    # order: what an editor inserts for photos dropped onto the text.
    photo_ids: list[int] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    # Files imported with something left out (an unreadable ``.xmp`` sidecar), and what.
    warnings: list[Refusal] = field(default_factory=list)
    # Files the import set out to bring in, and how many of them landed.
    total: int = 0
    landed: int = 0
    # Stopped early by the user (Cancel, Ctrl-C); what landed stays.
    cancelled: bool = False
    # Stopped early because nothing more could be written (a full disk): the reason.
    stopped: str = ""

    def refuse(self, path: Path, reason: str) -> None:
        self.refused.append(Refusal(Path(path), reason))

    def warn(self, path: Path, reason: str) -> None:
        self.warnings.append(Refusal(Path(path), reason))

    def summary(self) -> str:
        parts = [
            f"{len(self.articles)} new and {len(self.updated)} updated articles",
            _counted(len(self.authors), "author profile"),
            _counted(len(self.photos), "photo"),
        ]
        line = "imported " + ", ".join(parts)
        if self.duplicates:
            line += f"; {_counted(len(self.duplicates), 'image')} already in the library"
        if self.skipped:
            line += f"; skipped {_counted(len(self.skipped), 'other file')}"
        if self.refused:
            line += f"; refused {_counted(len(self.refused), 'file')}"
        return line

    def photo_summary(self) -> str:
        """The photo desk's one line: "3 imported, 1 already in the library, 2 refused"."""
        parts = [f"{len(self.photos)} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        text = ", ".join(parts)
        if self.cancelled:
            text += " (cancelled; the files not reached were left out)"
        return text

    def progress_line(self) -> str:
        """How much of a batch that stopped early landed: "12 of 40 files imported"."""
        return f"{self.landed} of {_counted(self.total, 'file')} imported; nothing half-written"


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
