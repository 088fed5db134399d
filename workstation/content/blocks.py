"""Incremental rendering for the live preview.

The body is split into top-level blocks that Python-Markdown would also
treat as independent (paragraph runs, whole lists, whole quotes, whole
fenced code, tables, raw HTML up to its closing tag), and each block is
rendered on its own through a cache keyed by its text and by a digest of
the document's link and footnote definitions. A one-character edit thus
renders one block, and the preview patches one element.

Rendering per block gives the same HTML as rendering the whole body:

* link and footnote definitions are collected from every block first (by
  Python-Markdown's own parser, cached per block) and loaded for each block;
* footnotes are numbered in definition order, so numbers do not depend on
  which block is rendered; repeated references carry the count of earlier
  ones (part of the cache key of the few blocks that hold references);
* the footnotes list is its own last block;
* repeated heading ids get their -2, -3 suffix in document order
  (``dedupe_heading_ids``), as in a full render.

Block ids are a digest of the block's final HTML plus its occurrence
number, so equal ids always mean equal HTML: the preview needs to patch
exactly the blocks whose id it has not seen.

The resolver's answers are cached with the blocks: call ``clear()`` when a
photo or article the body refers to has changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import NamedTuple

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.util import BLOCK_LEVEL_ELEMENTS

from workstation.content.bounds import MAX_BLOCKS, VOID_ELEMENTS, assess, plain_block_html
from workstation.content.dialect import Definitions, Dialect, Rendered, dedupe_heading_ids, heading_ids
from workstation.content.text import clean_text
from workstation.content.views import Resolver

CACHE_LIMIT = 4096
TAB_LENGTH = 4

_LIST_ITEM = re.compile(r"[ ]{0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_QUOTE = re.compile(r"[ ]{0,3}>")
_DEFINITION = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:")
_HTML_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_CONTAINERS = frozenset(BLOCK_LEVEL_ELEMENTS) - VOID_ELEMENTS
_EMPTY = Definitions()


class Block(NamedTuple):
    id: str
    html: str
    start_line: int  # 0-based index of the block's first line in the body


def normalise(text: str) -> str:
    """The text as Python-Markdown sees it: cleaned (``clean_text``), tabs expanded, blank lines empty."""
    text = clean_text(text)
    return re.sub(r"(?m)^[ \t]+$", "", text.expandtabs(TAB_LENGTH))


def _fenced_lines(text: str, most: int | None = None) -> set[int]:
    """Lines inside fenced code (after the opening fence), found with the fenced-code extension's own pattern.

    With ``most``, only the first ``most`` fenced blocks are looked for (a
    body of a million fences is not searched a million times); past them, a
    blank line inside a fence may split a block, which only a body of
    thousands of code blocks can notice.
    """
    inside: set[int] = set()
    pattern = FencedBlockPreprocessor.FENCED_BLOCK_RE
    index = found = 0
    counted, line = 0, 0  # newlines before ``counted``, counted once
    while (most is None or found < most) and (match := pattern.search(text, index)) is not None:
        found += 1
        if match.group("attrs"):
            _, remainder = get_attrs_and_remainder(match.group("attrs"))
            if remainder:
                index = match.end("attrs")
                continue
        line += text.count("\n", counted, match.start())
        first = line
        last = first + text.count("\n", match.start(), match.end())
        inside.update(range(first + 1, last + 1))
        index = counted = match.end()
        line = last
    return inside


class _Run:
    """A block being gathered: its lines, and what decides whether the next chunk belongs to it."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.lines: list[str] = []
        self.has_list = False
        self.has_quote = False
        self.open_tags: dict[str, int] = {}
        self.open_comments = 0

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        for line in lines:
            if _LIST_ITEM.match(line):
                self.has_list = True
            if _QUOTE.match(line):
                self.has_quote = True
        chunk = "\n".join(lines)
        if "<" in chunk:
            # Python-Markdown may start raw HTML at a block-level tag anywhere on a line.
            for name in _HTML_TAG.findall(chunk):
                if name.lower() in _CONTAINERS:
                    self.open_tags.setdefault(name.lower(), 0)
            for name in self.open_tags:
                opens = len(re.findall(rf"<{name}(?=[\s/>])", chunk, re.IGNORECASE))
                closes = len(re.findall(rf"</{name}\s*>", chunk, re.IGNORECASE))
                self.open_tags[name] += opens - closes
            self.open_comments += chunk.count("<!--") - chunk.count("-->")

    def takes(self, lines: list[str]) -> bool:
        """Whether Python-Markdown could read the next chunk as part of this block."""
        first = lines[0]
        if first[:1] in (" ", "\t"):
            return True  # list continuation, indented code, footnote continuation
        if self.open_comments > 0 or any(depth > 0 for depth in self.open_tags.values()):
            return True  # raw HTML runs to its closing tag, across blank lines
        if _DEFINITION.match(first):
            return True  # definitions leave no element, so what follows still sees this block's last one
        if self.has_list and _LIST_ITEM.match(first):
            return True  # a loose list
        return self.has_quote and bool(_QUOTE.match(first))  # quotes merge into the previous one


_LINES = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def _chunks(normal: str, fenced: set[int]) -> Iterator[tuple[int, list[str], int]]:
    """Runs of non-blank lines as ``(first line, lines, offset)``; blank lines inside fenced code join their run."""
    line, counted = 0, 0
    start, lines, offset = -1, [], 0
    for match in _LINES.finditer(normal):
        line += normal.count("\n", counted, match.start())
        counted = match.start()
        if lines and line - 1 in fenced:
            lines.extend([""] * (line - start - len(lines)))
            lines.extend(match.group().split("\n"))
            continue
        if lines:
            yield start, lines, offset
        start, lines, offset = line, match.group().split("\n"), match.start()
    if lines:
        yield start, lines, offset


def split_blocks(text: str, limit: int | None = None) -> list[tuple[str, int]]:
    """Top-level blocks of a body as ``(text, first line)``, in order.

    With a ``limit``, everything after the first ``limit`` blocks comes back
    as one last block (a body of a million blocks is not split further than
    the renderer will lay out).
    """
    normal = normalise(text)
    fenced = _fenced_lines(normal, limit and 2 * limit) if ("```" in normal or "~~~" in normal) else set()
    runs: list[_Run] = []
    for start, chunk, offset in _chunks(normal, fenced):
        if limit is not None and len(runs) > limit:
            rest = _Run(start)
            rest.lines = normal[offset:].rstrip("\n").split("\n")
            runs.append(rest)
            break
        if runs and runs[-1].takes(chunk):
            # Keep the blank lines as typed: Python-Markdown reads two differently from one.
            runs[-1].lines.extend([""] * (start - runs[-1].start - len(runs[-1].lines)))
            runs[-1].add(chunk)
        else:
            run = _Run(start)
            run.add(chunk)
            runs.append(run)
    return [("\n".join(run.lines), run.start) for run in runs]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class BlockRenderer:
    """Renders a body as blocks, re-rendering only blocks whose text (or context) changed."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.renders = 0  # blocks rendered so far (not served from the cache)
        self._dialect = Dialect()
        self._definitions: dict[str, Definitions] = {}
        self._labels: dict[tuple[str, str], tuple[str, ...]] = {}
        self._rendered: dict[tuple[str, str, tuple[int, ...]], Rendered] = {}
        self._notes: dict[tuple[str, tuple[tuple[str, int], ...]], str] = {}
        self._merged: dict[str, Definitions] = {}
        self._ids: dict[str, str] = {}

    def clear(self) -> None:
        """Forget every rendered block (the records the resolver reads have changed)."""
        self._labels.clear()
        self._rendered.clear()
        self._notes.clear()

    def _definitions_of(self, text: str) -> Definitions:
        if "]:" not in text:
            return _EMPTY
        found = self._definitions.get(text)
        if found is None:
            try:
                found = self._dialect.definitions(text)
            except RecursionError:
                found = _EMPTY
            self._definitions[text] = found
        return found

    def _document_definitions(self, pieces: list[tuple[str, int]]) -> tuple[Definitions, str]:
        """Every block's definitions merged in order, and a key that changes when any of them does."""
        sources = [piece for piece, _ in pieces if self._definitions_of(piece) is not _EMPTY]
        if not sources:
            return _EMPTY, ""
        key = _digest("\x00".join(sources))
        merged = self._merged.get(key)
        if merged is None:
            merged = Definitions.merge_all([self._definitions_of(piece) for piece in sources])
            self._merged = {key: merged}
        return merged, key

    def _render_one(self, text: str, definitions: Definitions, seen_notes: dict[str, int]) -> Rendered:
        self.renders += 1
        try:
            return self._dialect.render_block(text, self.resolver, definitions, seen_notes)
        except RecursionError:
            # Nesting deeper than Python-Markdown can parse: show the text as typed.
            return Rendered(plain_block_html(text))

    def render(self, text: str) -> list[Block]:
        """The body's blocks; those past the house limits (``bounds.assess``) shown as typed."""
        pieces = split_blocks(text, MAX_BLOCKS)
        return self.render_pieces(pieces, assess([piece for piece, _ in pieces])[0])

    def render_pieces(self, pieces: list[tuple[str, int]], allowed: list[bool]) -> list[Block]:
        """``render`` for a body already split and assessed."""
        definitions, definitions_key = self._document_definitions(
            [piece for piece, ok in zip(pieces, allowed, strict=True) if ok]
        )

        used: set[tuple[str, str, tuple[int, ...]]] = set()
        notes_seen: dict[str, int] = {}
        ids_seen: dict[str, int] = {}
        occurrences: dict[str, int] = {}
        blocks: list[Block] = []
        for (piece, start_line), ok in zip(pieces, allowed, strict=True):
            if not ok:
                blocks.append(self._block(plain_block_html(piece), start_line, occurrences))
                continue
            context_key = definitions_key if "[" in piece else ""
            labels = self._labels.get((piece, context_key))
            rendered = None
            if labels is not None:
                key = (piece, context_key, tuple(notes_seen.get(label, 0) for label in labels))
                rendered = self._rendered.get(key)
            if rendered is None:
                rendered = self._render_one(piece, definitions, notes_seen)
                labels = tuple(rendered.note_counts)
                self._labels[(piece, context_key)] = labels
                key = (piece, context_key, tuple(notes_seen.get(label, 0) for label in labels))
                self._rendered[key] = rendered
            used.add(key)
            for label, number in rendered.note_counts.items():
                notes_seen[label] = notes_seen.get(label, 0) + number
            html = rendered.html
            if not html:
                continue
            if heading_ids(html):
                html = dedupe_heading_ids(html, ids_seen)
            blocks.append(self._block(html, start_line, occurrences))

        if definitions.notes:
            notes_key = (definitions_key, tuple(sorted(notes_seen.items())))
            notes_html = self._notes.get(notes_key)
            if notes_html is None:
                self.renders += 1
                notes_html = self._dialect.render_notes(self.resolver, definitions, notes_seen)
                self._notes[notes_key] = notes_html
            if notes_html:
                last_text, last_line = pieces[-1]
                blocks.append(self._block(notes_html, last_line + last_text.count("\n") + 1, occurrences))

        self._prune(used)
        return blocks

    def _block(self, html: str, start_line: int, occurrences: dict[str, int]) -> Block:
        digest = self._ids.get(html)
        if digest is None:
            digest = self._ids[html] = _digest(html)
        occurrence = occurrences.get(digest, 0)
        occurrences[digest] = occurrence + 1
        return Block(f"b{digest}-{occurrence}", html, start_line)

    def _prune(self, used: set[tuple[str, str, tuple[int, ...]]]) -> None:
        """Keep the caches bounded: past the limit, keep only what the last render used."""
        if len(self._rendered) > CACHE_LIMIT:
            self._rendered = {key: value for key, value in self._rendered.items() if key in used}
            pieces = {(key[0], key[1]) for key in used}
            self._labels = {key: value for key, value in self._labels.items() if key in pieces}
            texts = {key[0] for key in used}
            self._definitions = {key: value for key, value in self._definitions.items() if key in texts}
            self._notes.clear()
            self._ids.clear()
