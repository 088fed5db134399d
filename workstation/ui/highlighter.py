"""Markdown highlighting and spelling underlines, one paragraph at a time.

QSyntaxHighlighter calls ``highlightBlock`` only for the blocks an edit
touched (and the following ones while their state changes), so typing in a
10,000-word article costs one paragraph's worth of regular expressions and
dictionary look-ups, never the whole document.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication

from workstation.content.spelling import WORD, SpellChecker

PLAIN, IN_FENCE = 0, 1
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+.*$")
QUOTE = re.compile(r"^\s*>.*$")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
CODE = re.compile(r"`[^`]+`")
LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
WIKI = re.compile(r"\[\[[^\]]+\]\]")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
PHOTO_REF = re.compile(r"photo:\d+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# How strongly focus mode fades the paragraphs around the one being written.
FOCUS_DIM_ALPHA = 0.35
# Parts of a line whose words are never spelling mistakes.
NOT_PROSE = (CODE, LINK_TARGET, WIKI, URL, PHOTO_REF, HTML_TAG)


def _format(color: QColor | None = None, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(color)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, spell: SpellChecker | None = None) -> None:
        super().__init__(document)
        self.spell = spell
        # Focus mode: first and last block number of the paragraph being
        # written; every other block is faded, links and references included.
        self.focus_range: tuple[int, int] | None = None
        self._build_formats()

    def _build_formats(self) -> None:
        palette = QApplication.palette()
        self.text_color = palette.color(QPalette.ColorRole.Text)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        accent = QColor("#7fb2ff" if dark else "#1d5fbf")
        muted = QColor("#9aa0a6" if dark else "#6b7078")
        self.heading = _format(bold=True)
        self.heading.setFontPointSize(QApplication.font().pointSizeF() * 1.15)
        self.strong = _format(bold=True)
        self.emphasis = _format(italic=True)
        self.code = _format(QColor("#d7a45d" if dark else "#8a4b08"))
        self.code.setFontFamilies(["monospace"])
        self.link = _format(accent)
        self.reference = _format(QColor("#8fd18f" if dark else "#2e7d32"))
        self.quote = _format(muted, italic=True)
        self.marker = _format(muted)
        self.misspelled = QTextCharFormat()
        self.misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelled.setUnderlineColor(QColor("#e5484d"))

    def set_spell_checker(self, spell: SpellChecker | None) -> None:
        self.spell = spell
        self.rehighlight()

    def set_focus_range(self, blocks: tuple[int, int] | None) -> None:
        """Fade all but ``blocks``; only the blocks entering or leaving the range are redone."""
        old, self.focus_range = self.focus_range, blocks
        if old == blocks:
            return
        if old is None or blocks is None:
            self.rehighlight()
            return
        document = self.document()
        for number in sorted(set(range(old[0], old[1] + 1)) ^ set(range(blocks[0], blocks[1] + 1))):
            self.rehighlightBlock(document.findBlockByNumber(number))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._highlight(text)
        self._fade_outside_focus(text)

    def _fade_outside_focus(self, text: str) -> None:
        if self.focus_range is None:
            return
        first, last = self.focus_range
        if first <= self.currentBlock().blockNumber() <= last:
            return
        for offset in range(len(text)):
            fmt = self.format(offset)
            has_color = fmt.hasProperty(QTextFormat.Property.ForegroundBrush)
            faded = QColor(fmt.foreground().color() if has_color else self.text_color)
            faded.setAlphaF(FOCUS_DIM_ALPHA)
            fmt.setForeground(faded)
            self.setFormat(offset, 1, fmt)

    def _highlight(self, text: str) -> None:
        previous = self.previousBlockState()
        if FENCE.match(text):
            self.setFormat(0, len(text), self.code)
            self.setCurrentBlockState(PLAIN if previous == IN_FENCE else IN_FENCE)
            return
        if previous == IN_FENCE:
            self.setFormat(0, len(text), self.code)
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(PLAIN)
        if HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
        elif QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
        marker = LIST_MARK.match(text)
        if marker:
            self.setFormat(0, marker.end(), self.marker)
        for pattern, fmt in ((STRONG, self.strong), (EMPHASIS, self.emphasis)):
            for match in pattern.finditer(text):
                self._merge(match.start(), match.end() - match.start(), fmt)
        for match in LINK.finditer(text):
            self._merge(match.start(), match.end() - match.start(), self.link)
        for pattern in (WIKI, PHOTO_REF):
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self.reference)
        for match in CODE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.code)
        if self.spell is not None and self.spell.available:
            self._underline_misspellings(text)

    def _merge(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` on top of what earlier rules set (bold inside a heading stays a heading)."""
        for offset in range(start, start + length):
            current = self.format(offset)
            current.merge(fmt)
            self.setFormat(offset, 1, current)

    def _underline_misspellings(self, text: str) -> None:
        skipped = [match.span() for pattern in NOT_PROSE for match in pattern.finditer(text)]
        for match in WORD.finditer(text):
            start, end = match.span()
            if any(a <= start < b or a < end <= b for a, b in skipped):
                continue
            if not self.spell.check(match.group()):
                self._merge(start, end - start, self.misspelled)


def misspelled_ranges(block_layout_formats: list) -> list[tuple[int, int]]:
    """(start, length) of every spelling underline in a block's layout formats."""
    return [
        (r.start, r.length)
        for r in block_layout_formats
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]
