"""Quiet Markdown, spelling and house-style underlines, one paragraph at a time.

QSyntaxHighlighter calls ``highlightBlock`` only for the blocks an edit
touched (and the following ones while their state changes), so typing in a
10,000-word article costs one paragraph's worth of regular expressions and
dictionary look-ups, never the whole document.

The syntax is kept (the stored text is what the reporter typed) but made
quiet: markup characters are dimmed, headings are set larger, quotes in
italic, and a figure, video or related-article line is dimmed down to what
it names (the editor's margin labels it, ``line_label``).
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

from workstation.content.house_style import HouseStyle
from workstation.content.spelling import WORD, SpellChecker
from workstation.content.video import video_embed

PLAIN, IN_FENCE = 0, 1
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})(\s+)(.*)$")
QUOTE = re.compile(r"^(\s*>\s?)(.*)$")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
CODE = re.compile(r"`[^`]+`")
# A link or image: the text part (group 1) stays readable, the rest is markup.
LINK = re.compile(r"(!?\[)([^\]]*)(\]\([^)]*\))")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
WIKI = re.compile(r"\[\[[^\]]+\]\]")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
PHOTO_REF = re.compile(r"photo:\d+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Whole lines that stand for an embed: a figure, a related-article card, a bare URL (a video).
FIGURE_LINE = re.compile(r"^\s*!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"([^\"]*)\")?\)\s*$")
CARD_LINE = re.compile(r"^\s*\[\[([^\]]+)\]\]\s*$")
URL_LINE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")
# Heading sizes against the body text, by level.
HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.12}
# How strongly focus mode fades the paragraphs around the one being written.
FOCUS_DIM_ALPHA = 0.35
# Parts of a line whose words are never spelling mistakes.
NOT_PROSE = (CODE, LINK_TARGET, WIKI, URL, PHOTO_REF, HTML_TAG)


def line_label(text: str) -> str:
    """What a whole line stands for on the page ("Photo", "Video", "Related"), or "" for text."""
    if "[" in text:
        if FIGURE_LINE.match(text):
            return "Photo"
        if CARD_LINE.match(text):
            return "Related"
    if "://" in text:
        match = URL_LINE.match(text)
        if match and video_embed(match.group(1)) is not None:
            return "Video"
    return ""


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
        self.style: HouseStyle | None = None
        # Focus mode: first and last block number of the paragraph being
        # written; every other block is faded, links and references included.
        self.focus_range: tuple[int, int] | None = None
        self.body_size = QApplication.font().pointSizeF()
        self._build_formats()

    def _build_formats(self) -> None:
        palette = QApplication.palette()
        self.text_color = palette.color(QPalette.ColorRole.Text)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        accent = QColor("#7fb2ff" if dark else "#1d5fbf")
        muted = QColor("#8a9099" if dark else "#8b9098")
        quiet = QColor(self.text_color)
        quiet.setAlphaF(0.78)
        self.headings = {}
        for level in range(1, 7):
            fmt = _format(bold=True)
            fmt.setFontPointSize(self.body_size * HEADING_SCALE.get(level, 1.05))
            self.headings[level] = fmt
        self.strong = _format(bold=True)
        self.emphasis = _format(italic=True)
        self.code = _format(QColor("#d7a45d" if dark else "#8a4b08"))
        self.code.setFontFamilies(["monospace"])
        self.link = _format(accent)
        self.reference = _format(QColor("#8fd18f" if dark else "#2e7d32"))
        self.quote = _format(quiet, italic=True)
        self.marker = _format(muted)
        self.embed = _format(muted)
        self.embed.setFontPointSize(self.body_size * 0.88)
        self.embed_name = _format(QColor("#8fd18f" if dark else "#2e7d32"))
        self.embed_name.setFontPointSize(self.body_size * 0.88)
        self.misspelled = QTextCharFormat()
        self.misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelled.setUnderlineColor(QColor("#e5484d"))
        # House style: a second colour and a dashed line, so it never reads as a misspelling.
        self.house = QTextCharFormat()
        self.house.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        self.house.setUnderlineColor(QColor("#d9a400" if dark else "#b7791f"))

    def refresh_colours(self) -> None:
        """Rebuild the formats from the application's palette now (light or dark), if it changed."""
        if QApplication.palette().color(QPalette.ColorRole.Text) != self.text_color:
            self._build_formats()
            self.rehighlight()

    def set_body_size(self, points: float) -> None:
        """Scale headings and embed lines to the editor's body text."""
        if points > 0 and points != self.body_size:
            self.body_size = points
            self._build_formats()
            self.rehighlight()

    def set_spell_checker(self, spell: SpellChecker | None) -> None:
        self.spell = spell
        self.rehighlight()

    def set_house_style(self, style: HouseStyle | None) -> None:
        self.style = None if style is None or style.empty else style
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
        if self._quiet_embed(text):
            return
        heading = HEADING.match(text)
        quote = QUOTE.match(text) if heading is None else None
        if heading:
            self.setFormat(0, len(text), self.headings[len(heading.group(1))])
            self._merge(0, heading.end(2), self.marker)
        elif quote:
            self.setFormat(0, len(text), self.quote)
            self._merge(0, quote.end(1), self.marker)
        marker = LIST_MARK.match(text) if heading is None else None
        if marker:
            self._merge(0, marker.end(), self.marker)
        for pattern, fmt in ((STRONG, self.strong), (EMPHASIS, self.emphasis)):
            for match in pattern.finditer(text):
                self._merge(match.start(), match.end() - match.start(), fmt)
                width = len(match.group(1))
                self._merge(match.start(), width, self.marker)
                self._merge(match.end() - width, width, self.marker)
        for match in LINK.finditer(text):
            self._merge(match.start(1), match.end(1) - match.start(1), self.marker)
            self._merge(match.start(2), match.end(2) - match.start(2), self.link)
            self._merge(match.start(3), match.end(3) - match.start(3), self.marker)
        for pattern in (WIKI, PHOTO_REF):
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self.reference)
        for match in CODE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.code)
        self._underline(text)

    def _quiet_embed(self, text: str) -> bool:
        """A line that is only a figure, card or video: syntax dimmed and small, its name (alt, slug) kept readable."""
        label = line_label(text) if ("[" in text or "://" in text) else ""
        if not label:
            return False
        self.setFormat(0, len(text), self.embed)
        if label == "Photo":
            match = FIGURE_LINE.match(text)
            self.setFormat(match.start(1), match.end(1) - match.start(1), self.embed_name)
            if match.group(3):
                caption = QTextCharFormat(self.embed)
                caption.setFontItalic(True)
                self.setFormat(match.start(3), match.end(3) - match.start(3), caption)
            self._underline(text)
        elif label == "Related":
            match = CARD_LINE.match(text)
            self.setFormat(match.start(1), match.end(1) - match.start(1), self.embed_name)
        return True

    def _merge(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` on top of what earlier rules set (bold inside a heading stays a heading)."""
        for offset in range(start, start + length):
            current = self.format(offset)
            current.merge(fmt)
            self.setFormat(offset, 1, current)

    def _underline(self, text: str) -> None:
        spelling = self.spell is not None and self.spell.available
        if not spelling and self.style is None:
            return
        skipped = [match.span() for pattern in NOT_PROSE for match in pattern.finditer(text)]

        def in_syntax(start: int, end: int) -> bool:
            return any(a <= start < b or a < end <= b for a, b in skipped)

        if spelling:
            for match in WORD.finditer(text):
                start, end = match.span()
                if not in_syntax(start, end) and not self.spell.check(match.group()):
                    self._merge(start, end - start, self.misspelled)
        if self.style is not None:
            for found in self.style.matches(text):
                if not in_syntax(found.start, found.end):
                    self._merge(found.start, found.end - found.start, self.house)


def misspelled_ranges(block_layout_formats: list) -> list[tuple[int, int]]:
    """(start, length) of every spelling underline in a block's layout formats."""
    return _ranges(block_layout_formats, QTextCharFormat.UnderlineStyle.SpellCheckUnderline)


def house_style_ranges(block_layout_formats: list) -> list[tuple[int, int]]:
    """(start, length) of every house-style underline in a block's layout formats."""
    return _ranges(block_layout_formats, QTextCharFormat.UnderlineStyle.DashUnderline)


def _ranges(block_layout_formats: list, style: QTextCharFormat.UnderlineStyle) -> list[tuple[int, int]]:
    return [(r.start, r.length) for r in block_layout_formats if r.format.underlineStyle() == style]
