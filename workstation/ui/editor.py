"""The body editor: a plain-text Markdown editor with formatting commands.

Every command is one edit block, so one Ctrl+Z undoes one command, and a
restored revision (inserted through ``replace_all_text``) is undone the same
way as typing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFocusEvent, QFont, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from workstation.content.spelling import WORD, SpellChecker
from workstation.ui.drops import dropped_library
from workstation.ui.highlighter import MarkdownHighlighter, misspelled_ranges
from workstation.ui.suggestions import Suggestions

HEADING_PREFIX = re.compile(r"^#{1,6}\s+")
# Width of the text column in focus mode, in pixels.
FOCUS_COLUMN = 760


class MarkdownEditor(QPlainTextEdit):
    focus_lost = Signal()
    word_added = Signal(str)
    # Files dropped from the file manager, and the text position they landed at.
    files_dropped = Signal(list, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) * 1.1)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.highlighter = MarkdownHighlighter(self.document())
        self.suggestions = Suggestions(self)
        self._focus_mode = False
        self.cursorPositionChanged.connect(self._update_focus_emphasis)

    # -- spelling ------------------------------------------------------

    def set_spell_checker(self, spell: SpellChecker | None) -> None:
        self.highlighter.set_spell_checker(spell)

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

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if self.suggestions.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

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
        actions = self.note_actions(cursor, menu) + self.spelling_actions(cursor, menu)
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
        self._update_focus_margins()
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

    def _update_focus_margins(self) -> None:
        """In focus mode the text is a readable column in the middle of the screen."""
        side = max(0, (self.width() - FOCUS_COLUMN) // 2) if self._focus_mode else 0
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_focus_margins()

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

