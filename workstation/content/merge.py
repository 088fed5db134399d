"""Three-way merge of a record's fields: what two writers did to the same starting version.

Two desks (or a desk and an offline take-out) start from the same stored
version (the *base*); one saves first (*theirs*), the other saves later
(*mine*). Nobody's words may be silently dropped, so each field is merged
against the base:

* only one side changed it: that side's value is taken;
* both changed it the same way: fine;
* both changed it differently: a ``Conflict`` for a person to decide.

Paragraph fields (the body, a bio) merge finer: by paragraphs, the
blank-line-separated blocks of Markdown, with the ``merge3`` library (the
three-way merge of Bazaar and Breezy), so two reporters who edited different
paragraphs both keep their work and only a paragraph both rewrote is a
conflict. When both sides changed such a field, the merged text joins its
paragraphs with one blank line (runs of blank lines between blocks become
one; the words are untouched).

Pure: no library, no Qt. ``Merge.resolved`` turns a person's choices into
the values to save.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from merge3 import Merge3

# The fields of an article, photo or author that merge by paragraphs.
PARAGRAPH_FIELDS: frozenset[str] = frozenset({"body", "bio"})
PARAGRAPH_BREAK = "\n\n"
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")

Choice = Literal["mine", "theirs", "both"]
CHOICES: tuple[Choice, ...] = ("mine", "theirs", "both")


@dataclass(frozen=True)
class Conflict:
    """One place both sides changed differently: a whole field, or a run of paragraphs of one.

    For paragraph fields ``base``, ``mine`` and ``theirs`` are the runs of
    paragraphs joined by a blank line (an empty side deleted them).
    """

    field: str
    base: Any
    mine: Any
    theirs: Any
    paragraphs: bool = False

    @property
    def can_keep_both(self) -> bool:
        """Both sides can be kept, mine then theirs, only where the field is paragraphs of text."""
        return self.paragraphs

    def resolve(self, choice: Choice) -> Any:
        if choice == "mine":
            return self.mine
        if choice == "theirs":
            return self.theirs
        if choice == "both" and self.can_keep_both:
            return join_paragraphs([self.mine, self.theirs])
        raise ValueError(f"cannot resolve a conflict in {self.field} with {choice!r}")


Piece = str | Conflict


@dataclass(frozen=True)
class Merge:
    """The merged fields: each a run of pieces, settled values and ``Conflict``s in order.

    A plain field is one piece; a paragraph field is its paragraphs (settled
    runs as text) with any conflicting runs between them. ``from_theirs``
    names the fields where their change was taken (or merged in).
    """

    fields: Mapping[str, Any]
    from_theirs: tuple[str, ...]
    paragraph_fields: frozenset[str] = PARAGRAPH_FIELDS

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Every conflict, in field order then position: the index is what ``resolved`` takes choices by."""
        return tuple(p for pieces in self._runs() for p in pieces if isinstance(p, Conflict))

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def resolved(self, choices: Sequence[Choice] | Mapping[int, Choice] = ()) -> dict[str, Any]:
        """The values to save: each conflict settled by its choice (by index in ``conflicts``).

        A clean merge needs no choices; a conflict left without one raises ValueError.
        """
        chosen = dict(enumerate(choices)) if not isinstance(choices, Mapping) else dict(choices)
        values: dict[str, Any] = {}
        index = 0
        for name, value in self.fields.items():
            if not _is_run(value):
                values[name] = value
                continue
            parts: list[Any] = []
            for piece in value:
                if isinstance(piece, Conflict):
                    if index not in chosen:
                        raise ValueError(f"conflict {index} (in {piece.field}) has no choice")
                    parts.append(piece.resolve(chosen[index]))
                    index += 1
                else:
                    parts.append(piece)
            values[name] = join_paragraphs(parts) if name in self.paragraph_fields else parts[0]
        return values

    def settled(self) -> dict[str, Any]:
        """The values of every field without a conflict (a clean paragraph merge joined); conflicting fields left out."""
        values: dict[str, Any] = {}
        for name, value in self.fields.items():
            if not _is_run(value):
                values[name] = value
            elif not any(isinstance(piece, Conflict) for piece in value):
                values[name] = join_paragraphs(value) if name in self.paragraph_fields else value[0]
        return values

    def _runs(self) -> list[tuple[Piece, ...]]:
        return [value for value in self.fields.values() if _is_run(value)]


class _Run(tuple):  # type: ignore[type-arg]
    """A field held as pieces (so a tuple-valued field, like tags, is never mistaken for one)."""


def _is_run(value: Any) -> bool:
    return isinstance(value, _Run)


def paragraphs(text: str) -> list[str]:
    """The blank-line-separated blocks of ``text``, without the blank lines (none for empty text)."""
    stripped = text.strip("\n")
    return _BLANK_LINES.split(stripped) if stripped.strip() else []


def merge_paragraphs(field: str, base: str, mine: str, theirs: str) -> tuple[Piece, ...]:
    """``field``'s text merged by paragraphs: settled paragraphs and conflicting runs, in order.

    ``merge3``, like diff3, counts changes to neighbouring paragraphs as one
    conflicting run; where base and both sides have the same number of
    paragraphs there, each paragraph is merged on its own, so two people
    who edited adjacent paragraphs both keep their work.
    """
    pieces: list[Piece] = []
    for group in Merge3(paragraphs(base), paragraphs(mine), paragraphs(theirs)).merge_groups():
        if group[0] != "conflict":
            pieces.extend(group[1])
            continue
        _, base_run, mine_run, theirs_run = group
        if len(base_run) == len(mine_run) == len(theirs_run):
            pieces.extend(_paragraph_by_paragraph(field, base_run, mine_run, theirs_run))
        else:
            pieces.append(_conflict(field, base_run, mine_run, theirs_run))
    return tuple(pieces)


def _paragraph_by_paragraph(
    field: str, base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]
) -> list[Piece]:
    """Aligned runs merged paragraph by paragraph; neighbouring conflicting paragraphs make one conflict."""
    pieces: list[Piece] = []
    pending: list[tuple[str, str, str]] = []
    for start, ours, other in zip(base, mine, theirs):
        if ours == other or other == start:
            settled = ours
        elif ours == start:
            settled = other
        else:
            pending.append((start, ours, other))
            continue
        if pending:
            pieces.append(_conflict(field, *map(list, zip(*pending))))
            pending = []
        pieces.append(settled)
    if pending:
        pieces.append(_conflict(field, *map(list, zip(*pending))))
    return pieces


def _conflict(field: str, base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]) -> Conflict:
    return Conflict(field, join_paragraphs(base), join_paragraphs(mine), join_paragraphs(theirs), paragraphs=True)


def merge_fields(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    paragraph_fields: Collection[str] = PARAGRAPH_FIELDS,
) -> Merge:
    """Merge each field of ``mine`` and ``theirs`` against ``base`` (fields missing from base count as unchanged)."""
    fields: dict[str, Any] = {}
    from_theirs: list[str] = []
    for name in mine:
        ours, other = mine[name], theirs.get(name, mine[name])
        start = base.get(name, other)
        if ours == other or other == start:
            fields[name] = ours
        elif ours == start:
            fields[name] = other
            from_theirs.append(name)
        elif name in paragraph_fields and all(isinstance(v, str) for v in (start, ours, other)):
            fields[name] = _Run(merge_paragraphs(name, start, ours, other))
            from_theirs.append(name)
        else:
            fields[name] = _Run((Conflict(name, start, ours, other),))
            from_theirs.append(name)
    return Merge(fields, tuple(from_theirs), frozenset(paragraph_fields))


def join_paragraphs(parts: Sequence[str]) -> str:
    """Paragraphs (or runs of them) joined by one blank line; empty runs (deletions) are left out."""
    return PARAGRAPH_BREAK.join(part for part in parts if part)
