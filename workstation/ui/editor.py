"""The body editor: a plain-text Markdown editor set for reading, with formatting commands.

Every command is one edit block, so one Ctrl+Z undoes one command, and a
restored revision (inserted through ``replace_all_text``) is undone the same
way as typing.

The text is set like a page: the chosen body font at about one and a half
line heights, in a column of about 70 characters centred in whatever width
the window gives (the side margins are recomputed on every resize), with
the lines that stand for a photo, video or related article labelled in the
left margin. A ``QTextEdit`` rather than a ``QPlainTextEdit``: only its
layout honours a block's line height.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QWidget

from workstation.content.house_style import HouseStyle, StyleMatch
from workstation.content.spelling import WORD, SpellChecker
from workstation.ui.drops import dropped_library
from workstation.ui.highlighter import MarkdownHighlighter, line_label, misspelled_ranges
from workstation.ui.suggestions import Suggestions
from workstation.ui.typography import Typography, body_font

HEADING_PREFIX = re.compile(r"^#{1,6}\s+")
# The measure: characters of ordinary text in one line of the column.
MEASURE_CHARS = 70
# Line height in per cent of the font's own.
LINE_HEIGHT = 150
# The side margins, in pixels: generous where the window allows, never narrower than ``MIN_SIDE``;
# the margin labels are drawn only when the left one has room for them.
MIN_SIDE = 20
# Space between a margin label and the text it labels.
LABEL_GAP = 6
# Text whose width, per character, stands for ordinary prose when the measure is worked out.
SAMPLE_TEXT = "The council met on Tuesday to discuss the bridge, and the vote was close. "
# Where typewriter scrolling keeps the caret's line: this far down the column.
TYPEWRITER_AT = 0.45


class MarginLabels(QWidget):
    """The left margin: "PHOTO", "VIDEO", "RELATED" beside the lines that stand for them, and heading levels."""

    def __init__(self, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def labels(self) -> list[tuple[int, int, str]]:
        """(top, height, label) of every labelled line in view: the first line's place, relative to the viewport."""
        editor = self.editor
        layout = editor.document().documentLayout()
        scroll = editor.verticalScrollBar().value()
        height = editor.viewport().height()
        block = editor.cursorForPosition(QPoint(0, 0)).block()
        found = []
        while block.isValid():
            top = layout.blockBoundingRect(block).top() - scroll
            if top > height:
                break
            text = block.text()
            heading = HEADING_PREFIX.match(text)
            label = f"H{len(heading.group().strip())}" if heading else line_label(text)
            if label:
                first = block.layout().lineAt(0) if block.layout().lineCount() else None
                line = int(first.height()) if first is not None else 20
                found.append((int(top), line, label))
            block = block.next()
        return found

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        font = QFont(QApplication.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.7))
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 102)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        painter.setFont(font)
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.45)
        painter.setPen(color)
        room = self.width() - LABEL_GAP
        metrics = painter.fontMetrics()
        for top, height, label in self.labels():
            if metrics.horizontalAdvance(label.upper()) > room:
                continue  # a narrow margin: no label rather than a clipped one
            box = QRect(0, top, room, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)


class MarkdownEditor(QTextEdit):
    focus_lost = Signal()
    word_added = Signal(str)
    # The column's side margin in pixels, whenever it changes: the title above lines up with it.
    side_margins_changed = Signal(int)
    # Files dropped from the file manager, and the text position they landed at.
    files_dropped = Signal(list, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(18)
        self.highlighter = MarkdownHighlighter(self.document())
        self.margin_labels = MarginLabels(self)
        self.typewriter = False
        self.suggestions = Suggestions(self)
        self._focus_mode = False
        self._set_line_height()
        self.set_typography(Typography())
        self.cursorPositionChanged.connect(self._update_focus_emphasis)
        self.cursorPositionChanged.connect(self._keep_caret_line)
        self.verticalScrollBar().valueChanged.connect(self.margin_labels.update)
        self.document().contentsChanged.connect(self.margin_labels.update)

    # -- the page ----------------------------------------------------------

    def set_typography(self, typography: Typography) -> None:
        """Set the body in ``typography``'s font and size; typewriter scrolling on or off."""
        font = body_font(typography)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.highlighter.set_body_size(font.pointSizeF())
        self.typewriter = typography.typewriter
        self._update_margins()

    def measure(self) -> int:
        """The column's text width in pixels: ``MEASURE_CHARS`` characters of ordinary prose."""
        per_char = QFontMetricsF(self.font()).horizontalAdvance(SAMPLE_TEXT) / len(SAMPLE_TEXT)
        return int(per_char * MEASURE_CHARS + 2 * self.document().documentMargin())

    def _update_margins(self) -> None:
        """Centre the column: equal side margins, never narrower than ``MIN_SIDE``."""
        bar = self.verticalScrollBar()
        room = self.width() - 2 * self.frameWidth() - (bar.width() if bar.isVisible() else 0)
        side = max(MIN_SIDE, (room - self.measure()) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)
            self.side_margins_changed.emit(side)
        frame = self.frameWidth()
        self.margin_labels.setGeometry(frame, frame, side, self.height() - 2 * frame)
        self.margin_labels.update()

    def _set_line_height(self) -> None:
        """Give every block the reading line height, outside the undo history (new blocks inherit it)."""
        document = self.document()
        undo = document.isUndoRedoEnabled()
        steps = document.availableUndoSteps()
        if undo and steps:
            return  # never rewrite formats under an undo history; typed blocks inherit the height
        document.setUndoRedoEnabled(False)
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(fmt)
        document.setUndoRedoEnabled(undo)

    def setPlainText(self, text: str) -> None:  # noqa: N802
        super().setPlainText(text)
        self._set_line_height()

    def clear(self) -> None:
        super().clear()
        self._set_line_height()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Return starts a new paragraph with the same line height.

        Left to QTextEdit, Return on an empty line with a formatted block
        resets the block's format instead of starting a new one, so a blank
        line between paragraphs could not be typed. In suggestion mode every
        key that would change the text records a suggestion instead.
        """
        if self.suggestions.handle_key(event):
            event.accept()
            return
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not self.isReadOnly():
            cursor = self.textCursor()
            cursor.insertBlock()
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            event.accept()
            return
        super().keyPressEvent(event)

    def _keep_caret_line(self) -> None:
        """Typewriter scrolling: keep the line being written at the same height, as far as the text allows."""
        if not self.typewriter or not self.hasFocus():
            return
        bar = self.verticalScrollBar()
        wanted = int(self.viewport().height() * TYPEWRITER_AT)
        bar.setValue(bar.value() + self.cursorRect().center().y() - wanted)

    # -- spelling ------------------------------------------------------

    def set_spell_checker(self, spell: SpellChecker | None) -> None:
        self.highlighter.set_spell_checker(spell)

    def set_house_style(self, style: HouseStyle | None) -> None:
        self.highlighter.set_house_style(style)

    def house_style_at(self, cursor: QTextCursor) -> StyleMatch | None:
        """The house-style rule broken at ``cursor``, if the editor underlines one there."""
        style = self.highlighter.style
        if style is None:
            return None
        column = cursor.positionInBlock()
        return next((m for m in style.matches(cursor.block().text()) if m.start <= column <= m.end), None)

    def house_style_actions(self, cursor: QTextCursor, menu: QMenu) -> list[QAction]:
        """The one-click fix (or the rule's note) for the house-style break under ``cursor``."""
        found = self.house_style_at(cursor)
        if found is None:
            return []
        block_start = cursor.block().position()
        if found.replacement is None:
            note = QAction(found.message, menu)
            note.setEnabled(False)
            return [note]
        shown = found.replacement if found.replacement.strip() else "one space"
        fix = QAction(f"House style: change to “{shown}”", menu)
        bold = fix.font()
        bold.setBold(True)
        fix.setFont(bold)
        if found.note:
            fix.setToolTip(found.note)
        fix.triggered.connect(self._replacer(block_start + found.start, block_start + found.end, found.replacement))
        return [fix]

    def misspelled_word_at(self, cursor: QTextCursor) -> tuple[str, int, int] | None:
        """The misspelled word under ``cursor`` as (word, start, end) in its block."""
        spell = self.highlighter.spell
        if spell is None or not spell.available:
            return None
        block = cursor.block()
        column = cursor.positionInBlock()
        for match in WORD.finditer(block.text()):
            if match.start() <= column <= match.end():
                underlined = misspelled_ranges(block.layout().formats())
                if any(start <= match.start() < start + length for start, length in underlined):
                    return match.group(), match.start(), match.end()
                return None
        return None

    def spelling_actions(self, cursor: QTextCursor, menu: QMenu) -> list[QAction]:
        """Suggestions and "Add to dictionary" for the word under ``cursor``."""
        found = self.misspelled_word_at(cursor)
        if found is None:
            return []
        word, start, end = found
        block_start = cursor.block().position()
        actions: list[QAction] = []
        suggestions = self.highlighter.spell.suggest(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            bold = action.font()
            bold.setBold(True)
            action.setFont(bold)
            action.triggered.connect(self._replacer(block_start + start, block_start + end, suggestion))
            actions.append(action)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(f"Add “{word}” to dictionary", menu)
        add.triggered.connect(lambda: self.add_to_dictionary(word))
        actions.append(add)
        return actions

    def note_actions(self, cursor: QTextCursor, menu: QMenu) -> list[QAction]:
        """Accept or reject the suggestion under ``cursor``, or resolve its comment."""
        if self.isReadOnly():
            return []
        mark = self.suggestions.mark_at(cursor.position())
        if mark is None:
            return []
        if mark.is_suggestion:
            accept = QAction("Accept suggestion", menu)
            accept.triggered.connect(lambda: self.suggestions.accept(mark))
            reject = QAction("Reject suggestion", menu)
            reject.triggered.connect(lambda: self.suggestions.reject(mark))
            return [accept, reject]
        resolve = QAction("Resolve comment", menu)
        resolve.triggered.connect(lambda: self.suggestions.resolve(mark))
        return [resolve]

    def insertFromMimeData(self, source: Any) -> None:  # noqa: N802
        """Pasting (Ctrl+V, middle click, a dropped text) in suggestion mode suggests the text."""
        if self.suggestions.on and not self.isReadOnly():
            if source.hasText():
                self.suggestions.type_text(source.text().replace("\r\n", "\n"))
            return
        super().insertFromMimeData(source)

    def inputMethodEvent(self, event: Any) -> None:  # noqa: N802
        """Composed characters (dead keys, input methods) are suggestions too in suggestion mode."""
        if self.suggestions.on and not self.isReadOnly() and event.commitString():
            self.suggestions.type_text(event.commitString())
            event.accept()
            return
        super().inputMethodEvent(event)

    def _replacer(self, start: int, end: int, text: str) -> Callable[[], None]:
        def replace() -> None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)
            self.setTextCursor(cursor)

        return replace

    def add_to_dictionary(self, word: str) -> None:
        spell = self.highlighter.spell
        if spell is None:
            return
        spell.add(word)
        self.word_added.emit(word)
        self.highlighter.rehighlight()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        cursor = self.cursorForPosition(event.pos())
        actions = self.note_actions(cursor, menu) + self.house_style_actions(cursor, menu) + self.spelling_actions(cursor, menu)
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in actions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- formatting ------------------------------------------------------

    def wrap_selection(self, before: str, after: str | None = None, placeholder: str = "text") -> None:
        """Wrap the selection in ``before``/``after``; unwrap when it is already wrapped."""
        after = before if after is None else after
        cursor = self.textCursor()
        text = cursor.selectedText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        whole = self.toPlainText()
        cursor.beginEditBlock()
        if text and whole[max(0, start - len(before)) : start] == before and whole[end : end + len(after)] == after:
            cursor.setPosition(start - len(before))
            cursor.setPosition(end + len(after), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)
            start -= len(before)
            inner = text
        else:
            inner = text or placeholder
            cursor.insertText(before + inner + after)
            start += len(before)
        cursor.setPosition(start)
        cursor.setPosition(start + len(inner), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def make_bold(self) -> None:
        self.wrap_selection("**")

    def make_italic(self) -> None:
        self.wrap_selection("*")

    def make_link(self, url: str = "https://") -> None:
        """``[selection](url)`` with the URL selected, ready to paste over."""
        cursor = self.textCursor()
        text = cursor.selectedText() or "link text"
        start = cursor.selectionStart()
        cursor.beginEditBlock()
        cursor.insertText(f"[{text}]({url})")
        url_start = start + len(text) + 3
        cursor.setPosition(url_start)
        cursor.setPosition(url_start + len(url), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _selected_blocks(self) -> list:
        cursor = self.textCursor()
        first = self.document().findBlock(cursor.selectionStart())
        last = self.document().findBlock(cursor.selectionEnd())
        blocks = [first]
        while blocks[-1] != last and blocks[-1].next().isValid():
            blocks.append(blocks[-1].next())
        return blocks

    def toggle_line_prefix(self, prefix: str, pattern: re.Pattern[str] | None = None) -> None:
        """Add ``prefix`` to every selected line, or remove it when all have it."""
        pattern = pattern or re.compile("^" + re.escape(prefix))
        blocks = self._selected_blocks()
        remove = all(pattern.match(block.text()) for block in blocks)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for block in blocks:
            edit = QTextCursor(block)
            if remove:
                match = pattern.match(block.text())
                edit.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            else:
                existing = HEADING_PREFIX.match(block.text()) if prefix.startswith("#") else None
                if existing:
                    edit.setPosition(block.position() + existing.end(), QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(prefix)
        cursor.endEditBlock()

    def make_heading(self) -> None:
        self.toggle_line_prefix("## ", re.compile(r"^## "))

    def make_quote(self) -> None:
        self.toggle_line_prefix("> ")

    def make_list(self) -> None:
        self.toggle_line_prefix("- ")

    def insert_block(self, markdown: str) -> None:
        """Insert ``markdown`` as a paragraph of its own at the caret."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        before = "" if cursor.atBlockStart() and cursor.block().text() == "" else "\n\n"
        if cursor.positionInBlock() and not cursor.atBlockEnd():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertText(before + markdown + "\n\n")
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def replace_all_text(self, text: str) -> None:
        """Replace the whole body as one undoable step (not ``setPlainText``), keeping the caret and scroll.

        Left to the replacement, the caret went to the end of the text and
        the reader lost their place with every restore.
        """
        place = self.place()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.go_to(place)

    def merge_in(self, text: str) -> None:
        """Make the body ``text`` by editing only the lines that differ, as one undoable step.

        For text merged with someone else's: each changed run of lines is
        replaced where it is, so Qt moves the caret and the scroll with the
        text around them, and the writer keeps their place. Lines are
        compared with a newline after each; the document has none after its
        last, so an edit reaching the end leaves that one out.
        """
        old = self.toPlainText()
        old_lines = [line + "\n" for line in old.split("\n")]
        new_lines = [line + "\n" for line in text.split("\n")]
        starts = [0]
        for line in old_lines:
            starts.append(starts[-1] + len(line))
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            start, end, replacement = starts[i1], starts[i2], "".join(new_lines[j1:j2])
            if start > len(old):  # added after the last line
                start, end, replacement = len(old), len(old), "\n" + replacement[:-1]
            elif end > len(old) and not replacement:  # the last lines removed, with the newline before them
                start, end = max(0, start - 1), len(old)
            elif end > len(old):
                end, replacement = len(old), replacement[:-1]
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()

    def place(self) -> tuple[int, int]:
        """Where the reader is: the caret's position and the scroll."""
        return self.textCursor().position(), self.verticalScrollBar().value()

    def go_to(self, place: tuple[int, int]) -> None:
        """Put the caret and the scroll back at ``place`` (the caret kept inside the text)."""
        position, scroll = place
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    # -- focus mode ------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        """Fade every paragraph but the one being written (through the highlighter, so links fade too)."""
        self._focus_mode = on
        self._update_focus_emphasis()

    def focused_paragraph(self) -> tuple[int, int]:
        """First and last block number of the paragraph under the caret."""
        first = last = self.textCursor().block()
        while first.previous().isValid() and first.text().strip() and first.previous().text().strip():
            first = first.previous()
        while last.next().isValid() and last.text().strip() and last.next().text().strip():
            last = last.next()
        return first.blockNumber(), last.blockNumber()

    def _update_focus_emphasis(self) -> None:
        self.highlighter.set_focus_range(self.focused_paragraph() if self._focus_mode else None)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_margins()

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        """A theme switch: the quiet colours are redrawn for the new background."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.refresh_colours()

    # -- dropping photo files ---------------------------------------------

    @staticmethod
    def _dropped_files(event: Any) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        urls = mime.urls()
        if not urls or not all(url.isLocalFile() for url in urls):
            return []
        return [Path(url.toLocalFile()) for url in urls]

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if dropped_library(event.mimeData()) is not None:
            # Not a photo: the main window opens a dropped library.
            event.ignore()
            return
        if self.suggestions.on and event.source() is self:
            # Moving text by dragging would delete it from where it was, unrecorded.
            event.ignore()
            return
        if self._dropped_files(event) and not self.isReadOnly():
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if self._dropped_files(event) and not self.isReadOnly():
            self.setTextCursor(self.cursorForPosition(event.position().toPoint()))
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        files = self._dropped_files(event)
        if files and not self.isReadOnly():
            position = self.cursorForPosition(event.position().toPoint()).position()
            event.acceptProposedAction()
            self.files_dropped.emit(files, position)
            return
        super().dropEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.focus_lost.emit()

