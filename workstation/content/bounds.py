"""What keeps rendering a body bounded in time, whatever the writer pastes.

Python-Markdown is linear on ordinary prose, but several of its steps are
quadratic on pathological input: its raw-HTML scanner re-reads the rest of
the document for every ``<a`` that never closes, its inline pass walks a
work list with ``pop(0)`` and looks every sibling up with ``list.index``,
and each inline match rebuilds the whole text node around it. Each such
step is either replaced by a linear one here (``LinearInlineProcessor``,
``HeadTableProcessor``, ``neutral_angles``) or bounded: ``InlineBudget``
keeps inline syntax past a budget as plain text, and ``assess`` decides
which top-level blocks go past the house limits below; the renderer shows
those as typed and preflight reports them (``markdown.body_limits``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import deque
from functools import lru_cache
from html import escape
from typing import NamedTuple

from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import BLOCK_LEVEL_ELEMENTS, STX, AtomicString

from workstation.content.block_needs import in_order_with_needs

# Characters that may start an inline pattern (emphasis, code, links, raw
# HTML, entities, escapes, smart quotes and dashes).
INLINE_MARKS = "*_`<&\\[!\"'-"
# One inline match costs about as much as copying this many characters of its
# text node (Python-Markdown rebuilds the node's string around each match).
_CHARS_PER_MATCH = 2_000
# Inline work allowed on one text node and on a whole body, in matches of a short node.
NODE_BUDGET = 20_000
BODY_BUDGET = 50_000
MAX_NODE_CHARS = 100_000  # a text node longer than any paragraph: even its plain scan is slow

# Past these, a block (or the rest of the body) is shown as typed.
MAX_BLOCKS = 5_000  # top-level blocks laid out as Markdown (a long read has a few hundred)
MAX_LINES = 10_000  # lines in those blocks
# The block parser re-reads what is left of a block each time it splits one at
# a heading, rule, quote or definition line: splitting lines x characters.
MAX_BLOCK_WORK = 4_000_000
MAX_BODY_WORK = 20_000_000
MAX_DEPTH = 32  # nesting of lists, quotes and HTML elements in one block
MAX_TABLE_CELLS = 5_000  # cells of one table
MAX_EMBEDS = 500  # figures, related-article cards and video cards
MAX_FENCE = 200  # backticks or tildes opening a line (a fence of millions is read once per length)
MAX_MARKUP = 50_000  # "<" and "&" (tags and character references, read one by one by the HTML scanner)

# Inside a document, markers no input holds (``clean_text`` strips noncharacters).
ANGLE = "\ufdd0"
_TAG_START = re.compile(r"<(?=[A-Za-z/?]|![^-]|!-(?!-))")
_COMMENT_OPEN = "<!--"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
# Block-level elements (Python-Markdown's list) whose end tag HTML requires.
_NEEDS_END = frozenset(BLOCK_LEVEL_ELEMENTS) - {
    "hr", "p", "li", "dd", "dt", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "colgroup", "body", "html",
}
_NESTING = re.compile(r"^( *)((?:(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)*)", re.MULTILINE)
_SPLITTING_LINE = re.compile(
    r"^(?:[ ]{0,3}(?:#|>|\[|!\[|<?https?://|[=-]+[ \t]*$|([-*_])(?:[ \t]*\1){2,}[ \t]*$)|[ \t]*\[\[)", re.MULTILINE
)
# A line can only nest past MAX_DEPTH if its run of indents and markers is longer.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_DEPTH + 1},}}", re.MULTILINE)
_LONG_FENCE = re.compile(rf"^[ ]{{0,3}}(?:`{{{MAX_FENCE}}}|~{{{MAX_FENCE}}})", re.MULTILINE)
_MARKER = re.compile(r">|[*+-]|\d{1,9}[.)]")
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_EMBED_LINE = re.compile(r"^[ ]{0,3}(?:\[\[|!\[|<?https?://)", re.MULTILINE)
_COMMENT_CLOSE = "-->"
_LONG_LINE = re.compile(f"^.{{{_CHARS_PER_MATCH},}}$", re.MULTILINE)


def neutral_angles(text: str) -> str:
    """``text`` with every ``<`` that cannot start a complete tag replaced by ``ANGLE``.

    Python's HTML scanner (which Python-Markdown runs over the whole body)
    reads a would-be tag up to its ``>``, across any number of ``<``; a
    body of a million ``<a `` made it read the rest of the document a
    million times. A tag never holds a bare ``<``, so a ``<`` whose next
    ``>`` comes after another ``<`` is text; so is a comment opening after
    the last ``-->``. Every tag left is then read once. A block-level
    element that is never closed (``<math>``, ``<div>``) is text too:
    Python-Markdown would take the whole rest of the body as its raw HTML.
    ``restore_angles`` turns the markers into ``&lt;``, which is what
    Python-Markdown prints for a ``<`` that is text, in code as in prose.
    """
    if "<" not in text:
        return text
    positions: list[int] = []
    end = 0
    for match in _TAG_START.finditer(text):
        start = match.start()
        if 0 <= end < start:
            end = text.find(">", start)
        following = text.find("<", start + 1, end if end >= 0 else len(text))
        if end < 0 or following >= 0:
            positions.append(start)
    positions.extend(_comment_openings(text, text.rfind(_COMMENT_CLOSE)))
    positions.extend(_unclosed_blocks(text))
    if not positions:
        return text
    parts: list[str] = []
    position = 0
    for start in sorted(set(positions)):
        parts.append(text[position:start])
        parts.append(ANGLE)
        position = start + 1
    parts.append(text[position:])
    return "".join(parts)


def _comment_openings(text: str, last_close: int) -> list[int]:
    """Where comments open that no ``-->`` after them closes."""
    found = []
    start = text.find(_COMMENT_OPEN, max(last_close, 0))
    while start >= 0:
        if start > last_close:
            found.append(start)
        start = text.find(_COMMENT_OPEN, start + 1)
    return found


def _unclosed_blocks(text: str) -> list[int]:
    """Where block-level elements open that no later end tag of theirs closes."""
    open_at: dict[str, list[int]] = {}
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name not in _NEEDS_END:
            continue
        if match.group(1):
            if open_at.get(name):
                open_at[name].pop()
        else:
            open_at.setdefault(name, []).append(match.start())
    return [start for starts in open_at.values() for start in starts]


def plain_block_html(text: str) -> str:
    """A block shown as typed, where laying it out would cost too much (or nests too deep to parse)."""
    return f'<pre class="render-plain">{escape(text)}</pre>'


def restore_angles(html: str) -> str:
    return html.replace(ANGLE, "&lt;") if ANGLE in html else html


class InlineBudget(Treeprocessor):
    """Keep text nodes whose inline syntax would cost too much as plain text.

    The cost of a node is its matches times its length in units of
    ``_CHARS_PER_MATCH`` (``inline_cost``); a node over ``NODE_BUDGET`` or
    ``MAX_NODE_CHARS`` is shown as typed (escaped, no emphasis, links or
    typographic quotes). No real paragraph comes near either. The body-wide
    ``BODY_BUDGET`` is kept by ``assess``, block by block, so a whole render
    and the preview's per-block one spend it alike.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in ("text", "tail"):
                value = getattr(element, name)
                if not value or isinstance(value, AtomicString):
                    continue
                length = len(value)
                if length * (1 + length // _CHARS_PER_MATCH) <= NODE_BUDGET:
                    continue  # within budget even were every character a mark: not counted
                if length > MAX_NODE_CHARS or inline_cost(value) > NODE_BUDGET:
                    setattr(element, name, AtomicString(value))


def inline_cost(text: str) -> int:
    """What Python-Markdown's inline passes cost on ``text`` taken as one text node, in matches of a short node."""
    marks = sum(text.count(mark) for mark in INLINE_MARKS)
    return marks * (1 + len(text) // _CHARS_PER_MATCH) if marks else 0


def _block_inline_cost(block: str) -> int:
    """``inline_cost`` of a block whose lines may be separate text nodes: short lines cost their marks, long ones more."""
    marks = sum(block.count(mark) for mark in INLINE_MARKS)
    if not marks or len(block) < _CHARS_PER_MATCH:
        return marks
    return marks + sum(inline_cost(line.group()) for line in _LONG_LINE.finditer(block))


# What an inline pattern cannot match without, by the name Python-Markdown and
# its extensions register it under: text holding none of a pattern's strings
# is passed over. A pattern not named here is always tried.
PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "ws-article-link": ("[",),
    "footnote": ("[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "smarty-em-dashes": ("---",),
    "smarty-en-dashes": ("--",),
    "smarty-ellipses": ("...",),
    "smarty-left-angle-quotes": ("<<",),
    "smarty-right-angle-quotes": (">>",),
    **{f"smarty-quotes-{index}": ("'", '"') for index in range(15)},
}


class LinearInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass, walking the tree in linear time, trying only patterns that can match.

    The same steps as ``InlineProcessor.run``, with a deque for its work
    list and a running index in place of ``list(parent).index(child)``:
    both were linear per element, so a body of 100,000 headings took
    minutes. And where the stock pass runs every pattern's regular
    expression over every text node, a pattern whose strings
    (``PATTERN_NEEDS``) the text lacks is passed over, and a text node
    that holds none of any pattern's (nor a placeholder) is left as it is:
    most text holds no backtick, bracket, angle, dash pair or ellipsis, and
    a thousand-article export spent a second in searches that could not
    match.
    """

    # The patterns in order, each with the strings it needs; the strings any of them needs;
    # whether some pattern needs none (is always tried); and the registry this was worked out for.
    _ordered: list[tuple[object, frozenset[str]]] = []
    _needs: tuple[str, ...] = ()
    _always = True
    _ordered_for: tuple[int, int] = (0, 0)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """``InlineProcessor.__handleInline`` (which its other steps call by this name), skipping hopeless patterns.

        The strings are looked up once: a match only ever replaces text with
        a placeholder, which holds none of them and parts what it stands
        between, so a string absent at the start stays absent.
        """
        if isinstance(data, AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        present = frozenset(need for need in self._needs if need in data)
        ordered = self._ordered
        count = len(ordered)
        start = 0
        while patternIndex < count:
            pattern, needs = ordered[patternIndex]
            if needs and needs.isdisjoint(present):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data

    def _order_patterns(self) -> None:
        registry = self.inlinePatterns
        if self._ordered_for == (id(registry), len(registry)):
            return
        self._ordered = [(pattern, frozenset(marks)) for pattern, marks in in_order_with_needs(registry, PATTERN_NEEDS)]
        self._needs = tuple(sorted({need for _pattern, marks in self._ordered for need in marks}))
        self._always = any(not marks for _pattern, marks in self._ordered)
        self._ordered_for = (id(registry), len(registry))

    def _idle(self, text: str) -> bool:
        """Whether the pass would hand ``text`` back as it is: no pattern can match it and it holds no placeholder."""
        if self._always or STX in text:
            return False
        for need in self._needs:
            if need in text:
                return False
        return True

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self._order_patterns()
        handle = self._InlineProcessor__handleInline
        idle = self._idle
        place = self._InlineProcessor__processPlaceholders  # type: ignore[attr-defined]
        self.stashed_nodes = {}
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {child: parent for parent in tree.iter() for child in parent}
        stack: deque[tuple[etree.Element, list[str]]] = deque([(tree, tree_parents)])
        self._InlineProcessor__build_ancestors(tree, tree_parents)  # type: ignore[attr-defined]
        while stack:
            current, parents = stack.popleft()
            self.ancestors = parents
            if current is not tree:
                self.ancestors.append(current.tag.lower())
            queue = []
            index = 0
            while index < len(current):
                child = current[index]
                if child.text and not isinstance(child.text, AtomicString) and not idle(child.text):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    found = place(handle(text), child)
                    for item in found:
                        self.parent_map[item[0]] = child
                    stack.extend(found)
                    queue.append((child, found))
                    self.ancestors.pop()
                if child.tail and not idle(child.tail):
                    tail = handle(child.tail)
                    holder = etree.Element("d")
                    child.tail = None
                    results = place(tail, holder, False)
                    if holder.tail:
                        child.tail = holder.tail
                    for offset, new in enumerate(results, start=index + 1):
                        self.parent_map[new[0]] = current
                        current.insert(offset, new[0])
                if len(child):
                    self.parent_map[child] = current
                    stack.append((child, self.ancestors[:]))
                index += 1
            for element, found in queue:
                for position, new in enumerate(found):
                    element.insert(position, new[0])
        return tree


class HeadTableProcessor(TableProcessor):
    """The tables extension's processor, deciding from a block's first two lines.

    The block parser offers every processor what is left of a block after
    each split, and the stock test split all of it into rows each time:
    quadratic in a block of a thousand setext headings. Only a
    one-column table looks past its separator row, so only then is the
    whole block read.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        first = block.find("\n")
        second = block.find("\n", first + 1) if first >= 0 else -1
        if second < 0:
            return super().test(parent, block)
        if not super().test(parent, block[:second]):
            return False
        return len(self.separator) > 1 or super().test(parent, block)


class Excess(NamedTuple):
    """One house limit a body goes past, as preflight words it."""

    message: str

    def __str__(self) -> str:
        return f"{self.message}; it shows as plain text"


def _depth(block: str) -> int:
    """How deep a block nests: indents, list and quote markers at a line's start, and open HTML elements.

    Only lines whose leading run of indents and markers is long enough to
    go past ``MAX_DEPTH`` are counted exactly, so a long list costs one scan.
    """
    deepest = 0
    for prefix in _DEEP_PREFIX.findall(block):
        match = _NESTING.match(prefix)
        if match is not None:
            indent, markers = match.groups()
            deepest = max(deepest, len(indent) // 4 + len(_MARKER.findall(markers)))
    if "<" in block:
        open_now = 0
        for closing, name in _TAG.findall(block):
            if name.lower() in VOID_ELEMENTS:
                continue
            open_now = max(0, open_now - 1) if closing else open_now + 1
            deepest = max(deepest, open_now)
    return deepest


def _block_reason(number: int, block: str, lines: int, markup: int, work: int) -> tuple[str, str]:
    """Why a block cannot be laid out whatever else the body holds, as (kind, message); ("", "") when it can."""
    if work > MAX_BLOCK_WORK:
        return "long", f"block {number} is too long to lay out ({lines:,} lines, {len(block):,} characters)"
    if markup > MAX_MARKUP:
        return "markup", f"block {number} has more than {MAX_MARKUP:,} HTML tags and character references"
    if block.count("|") > MAX_TABLE_CELLS:
        return "cells", f"block {number} has more table cells than the {MAX_TABLE_CELLS:,} a table may have"
    if _LONG_FENCE.search(block):
        return "fence", f"block {number} has a line starting with {MAX_FENCE} or more backticks or tildes"
    depth = _depth(block)
    if depth > MAX_DEPTH:
        return "deep", f"block {number} nests {depth:,} levels deep (the limit is {MAX_DEPTH})"
    return "", ""


@lru_cache(maxsize=8192)
def _measure(block: str) -> tuple[int, int, int, int, int, bool]:
    """A block's lines, markup, inline cost, embeds and parse work, and whether it passes on its own.

    Cached by the block's text: the live preview assesses the whole body on
    every keystroke, and all but the edited block are the same as before.
    """
    lines = block.count("\n") + 1
    markup = block.count("<") + block.count("&")
    # One line is one text node, shown as typed past NODE_BUDGET: it never costs more.
    inline = min(_block_inline_cost(block), NODE_BUDGET) if lines == 1 else _block_inline_cost(block)
    embeds = len(_EMBED_LINE.findall(block)) if ("[" in block or "http" in block) else 0
    work = (len(_SPLITTING_LINE.findall(block)) if lines > 1 else 0) * len(block)
    alone = not _block_reason(0, block, lines, markup, work)[0]
    return lines, markup, inline, embeds, work, alone


def plainly_within(text: str) -> bool:
    """Whether ``assess`` passes every block of ``text``, told from counts over the whole text.

    A sufficient test, not an exact one: the blocks are pieces of the text,
    so each whole-text count bounds the sum ``assess`` keeps block by block
    (lines times length bounds the parse work, marks times the longest line
    the inline cost). A body it passes needs no splitting into blocks
    before a whole render; one it does not pass is assessed block by block.
    Most bodies are a few thousand characters of prose and pass.
    """
    if "\t" in text:
        return False  # tabs expand: the blocks could be longer than the text
    length = len(text)
    lines = text.count("\n") + 1
    if lines > min(MAX_BLOCKS, MAX_LINES) or lines * length > MAX_BLOCK_WORK:
        return False
    angles = text.count("<")
    # Every open element needs a "<": with no more of them than MAX_DEPTH, no block nests deeper in HTML.
    if angles > MAX_DEPTH or angles + text.count("&") > MAX_MARKUP or text.count("|") > MAX_TABLE_CELLS:
        return False
    if text.count("[[") + text.count("![") + text.count("http") > MAX_EMBEDS:
        return False
    if "`" * MAX_FENCE in text or "~" * MAX_FENCE in text or _DEEP_PREFIX.search(text):
        return False
    marks = sum(text.count(mark) for mark in INLINE_MARKS)
    return marks * (2 + length // _CHARS_PER_MATCH) <= BODY_BUDGET


def assess(blocks: list[str]) -> tuple[list[bool], list[Excess]]:
    """Which top-level blocks may be laid out as Markdown, and the house limits the body goes past.

    A block that on its own nests too deep, holds too big a table or is too
    long to parse is shown as typed; once the body has used up its blocks,
    lines, embeds or markup, every later block is. Each check is linear in
    the block. The findings name the first block of each kind.
    """
    allowed: list[bool] = []
    found: dict[str, str] = {}
    blocks_left, lines_left, embeds_left = MAX_BLOCKS, MAX_LINES, MAX_EMBEDS
    work_left, markup_left, inline_left = MAX_BODY_WORK, MAX_MARKUP, BODY_BUDGET
    for number, block in enumerate(blocks, start=1):
        lines, markup, inline, embeds, work, alone = _measure(block)
        kind, reason = _block_reason(number, block, lines, markup, work) if not alone else ("", "")
        if not reason:
            if blocks_left < 1:
                kind = reason = f"the body has more than {MAX_BLOCKS:,} blocks"
            elif lines_left < lines:
                kind = reason = f"the body has more than {MAX_LINES:,} lines"
            elif embeds_left < embeds:
                kind = reason = f"the body has more than {MAX_EMBEDS:,} photos, cards and videos"
            elif work_left < work:
                kind = reason = "the body has too many long blocks to lay out"
            elif markup_left < markup:
                kind = reason = f"the body has more than {MAX_MARKUP:,} HTML tags and character references"
            elif inline_left < inline:
                kind = reason = "the body has more emphasis, links, code and quotes than can be laid out"
        if reason:
            found.setdefault(kind, reason)
            allowed.append(False)
            continue
        blocks_left -= 1
        lines_left -= lines
        embeds_left -= embeds
        work_left -= work
        markup_left -= markup
        inline_left -= inline
        allowed.append(True)
    return allowed, [Excess(reason) for reason in found.values()]
