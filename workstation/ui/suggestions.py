"""Suggestion mode and comments in the body editor: the Qt side of ``content.critic``.

While suggestion mode is on, typing, deleting, pasting and cutting do not
change the words: each keystroke goes through ``critic.suggest_insert`` or
``critic.suggest_delete`` and the editor applies the ``Edit`` they return as
one undoable step. The marks are coloured with extra selections (they may
run across paragraphs, which a per-paragraph highlighter cannot see), a
moment after typing stops (the selections' cursors follow the text until
then), and
each can be accepted, rejected or resolved from the context menu or by
shortcut at the caret.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from datetime import datetime

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from workstation.content import critic
from workstation.content.critic import Edit, Kind, Mark

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Marks are recoloured this long after the last change (a burst of typing colours once).
RECOLOUR_MS = 40


class Positions:
    """Python string indexes and Qt document positions (UTF-16 code units) of one text, both ways.

    They differ only after a character outside the Basic Multilingual Plane
    (an emoji); a text without one maps each to itself at no cost.
    """

    def __init__(self, text: str) -> None:
        self.astral = [match.start() for match in _ASTRAL.finditer(text)] if _ASTRAL.search(text) else []

    def qt(self, index: int) -> int:
        return index + bisect_left(self.astral, index) if self.astral else index

    def index(self, position: int) -> int:
        wider = 0
        for number, at in enumerate(self.astral):
            if at + number + 2 > position:
                break
            wider += 1
        return position - wider


def qt_position(text: str, index: int) -> int:
    """A Python string index as a Qt document position."""
    return Positions(text).qt(index)


def text_index(text: str, position: int) -> int:
    """A Qt document position as a Python string index."""
    return Positions(text).index(position)


def _formats() -> dict[str, QTextCharFormat]:
    """How each part of a mark looks: the words in the kind's colour, the markup and comments quiet."""
    dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    added, deleted, noted = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    added.setForeground(QColor("#7ee08f" if dark else "#1a7f37"))
    added.setBackground(QColor(46, 160, 67, 60 if dark else 40))
    added.setFontUnderline(True)
    deleted.setForeground(QColor("#ff8a8f" if dark else "#c4323a"))
    deleted.setBackground(QColor(229, 72, 77, 50 if dark else 30))
    deleted.setFontStrikeOut(True)
    noted.setBackground(QColor(255, 196, 0, 70 if dark else 90))
    markup = QTextCharFormat()
    text, base = QApplication.palette().color(QPalette.ColorRole.Text), QApplication.palette().color(QPalette.ColorRole.Base)
    markup.setForeground(QColor.fromRgbF(*(0.35 * t + 0.65 * b for t, b in zip(text.getRgbF()[:3], base.getRgbF()[:3]))))
    # A selection without a background of its own is painted over the plain text inconsistently.
    markup.setBackground(base)
    comment = QTextCharFormat()
    quiet = QColor("#c9a227" if dark else "#8a6d00")
    comment.setForeground(quiet)
    comment.setFontItalic(True)
    comment.setBackground(base)
    return {"added": added, "deleted": deleted, "noted": noted, "markup": markup, "comment": comment}


def mark_parts(mark: Mark) -> list[tuple[int, int, str]]:
    """(start, end, look) of each part of ``mark``: its markup, its words, its comment."""
    start, end, inner = mark.start, mark.end, mark.content_start
    if mark.kind is Kind.ADDITION:
        return [(start, inner, "markup"), (inner, end - 3, "added"), (end - 3, end, "markup")]
    if mark.kind is Kind.DELETION:
        return [(start, inner, "markup"), (inner, end - 3, "deleted"), (end - 3, end, "markup")]
    if mark.kind is Kind.SUBSTITUTION:
        split = inner + len(mark.old)
        return [(start, inner, "markup"), (inner, split, "deleted"), (split, split + 2, "markup"),
                (split + 2, end - 3, "added"), (end - 3, end, "markup")]
    if mark.kind is Kind.HIGHLIGHT:
        return [(start, inner, "markup"), (inner, end - 3, "noted"), (end - 3, end, "markup")]
    if mark.old:
        words_end = inner + len(mark.old)
        return [(start, inner, "markup"), (inner, words_end, "noted"), (words_end, words_end + 3, "markup"),
                (words_end + 3, end, "comment")]
    return [(start, end, "comment")]


class Suggestions(QObject):
    """Suggestion mode, the marks' colours and the accept / reject / resolve commands of one editor."""

    marks_changed = Signal(list)

    def __init__(self, editor: QTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.on = False
        self.marks: list[Mark] = []
        # (document revision, caret) right after a keystroke left the caret inside its own addition.
        self._typing_at: tuple[int, int] | None = None
        self._formats = _formats()
        self._timer = QTimer(self, singleShot=True, interval=RECOLOUR_MS)
        self._timer.timeout.connect(self.refresh)
        editor.document().contentsChanged.connect(self._timer.start)
        editor.verticalScrollBar().valueChanged.connect(lambda _value: self._timer.start())

    # -- the marks -------------------------------------------------------------------

    def refresh(self) -> None:
        """Parse the marks again and colour those on screen (a body without a brace costs one ``in`` test).

        Only the visible paragraphs get their colours (scrolling colours the
        rest): thousands of marks would otherwise cost a cursor each per
        keystroke.
        """
        self._timer.stop()
        text = self.editor.toPlainText()
        self.marks = critic.parse(text)
        positions = Positions(text)
        low, high = (positions.index(p) for p in self._visible_range())
        selections = []
        for mark in self.marks:
            if mark.end < low or mark.start > high:
                continue
            for start, end, look in mark_parts(mark):
                if start == end:
                    continue
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.editor.document())
                cursor.setPosition(positions.qt(start))
                cursor.setPosition(positions.qt(end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = self._formats[look]
                selections.append(selection)
        self.editor.setExtraSelections(selections)
        self.marks_changed.emit(self.marks)

    def _visible_range(self) -> tuple[int, int]:
        """Document positions from the first to the last paragraph on screen."""
        block = self.editor.cursorForPosition(QPoint(0, 0)).block()
        start = end = block.position()
        bottom = self.editor.viewport().height() + self.editor.verticalScrollBar().value()
        layout = self.editor.document().documentLayout()
        while block.isValid() and layout.blockBoundingRect(block).top() <= bottom:
            end = block.position() + block.length()
            block = block.next()
        return start, end

    def restyle(self) -> None:
        """The theme changed: take its colours."""
        self._formats = _formats()
        self.refresh()

    def mark_at_caret(self) -> Mark | None:
        return self.mark_at(self.editor.textCursor().position())

    def mark_at(self, position: int) -> Mark | None:
        text = self.editor.toPlainText()
        return critic.mark_at(critic.parse(text), text_index(text, position))

    # -- editing ------------------------------------------------------------------------

    def apply(self, edit: Edit) -> None:
        """Make ``edit`` in the editor as one undoable step and put the caret where it says."""
        text = self.editor.toPlainText()
        new_text = edit.apply(text)
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(qt_position(text, edit.start))
        cursor.setPosition(qt_position(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.replacement)
        cursor.endEditBlock()
        caret = QTextCursor(self.editor.document())
        caret.setPosition(qt_position(new_text, edit.caret))
        self.editor.setTextCursor(caret)

    def _selection(self) -> tuple[str, int, int]:
        text = self.editor.toPlainText()
        cursor = self.editor.textCursor()
        return text, text_index(text, cursor.selectionStart()), text_index(text, cursor.selectionEnd())

    def type_text(self, typed: str) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection() and self._typing_at == (self.editor.document().revision(), cursor.position()):
            # Still typing into the addition the last keystroke made: an ordinary insert, no parse.
            cursor.insertText(typed)
        else:
            text, start, end = self._selection()
            edit = critic.suggest_insert(text, start, end, typed)
            self.apply(edit)
            if not edit.replacement:
                self._typing_at = None
                return
        self._typing_at = (self.editor.document().revision(), self.editor.textCursor().position())

    def delete(self, forward: bool) -> None:
        text, start, end = self._selection()
        self.apply(critic.suggest_delete(text, start, end, forward))

    def handle_key(self, event: QKeyEvent) -> bool:
        """In suggestion mode, turn an editing key into a suggestion; True when it was one."""
        if not self.on or self.editor.isReadOnly():
            return False
        if event.matches(QKeySequence.StandardKey.Cut):
            if self.editor.textCursor().hasSelection():
                self.editor.copy()
                self.delete(False)
            return True
        if event.key() == Qt.Key.Key_Backspace:
            self.delete(False)
            return True
        if event.key() == Qt.Key.Key_Delete:
            self.delete(True)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.type_text("\n")
            return True
        text = event.text()
        control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        if text and not control and (text.isprintable() or text == "\t"):
            self.type_text(text)
            return True
        return False

    # -- accepting, rejecting, resolving ---------------------------------------------------

    def accept(self, mark: Mark | None = None) -> bool:
        mark = mark or self.mark_at_caret()
        if mark is None:
            return False
        self.apply(critic.accept(self.editor.toPlainText(), mark))
        return True

    def reject(self, mark: Mark | None = None) -> bool:
        mark = mark or self.mark_at_caret()
        if mark is None or not mark.is_suggestion:
            return False
        self.apply(critic.reject(self.editor.toPlainText(), mark))
        return True

    def resolve(self, mark: Mark) -> None:
        self.apply(critic.resolve(self.editor.toPlainText(), mark))

    def _replace_all(self, new_text: str) -> bool:
        text = self.editor.toPlainText()
        if new_text == text:
            return False
        # Replace only the stretch that differs, so the view and the undo step stay small.
        prefix = len(os.path.commonprefix([text, new_text]))
        limit = min(len(text), len(new_text)) - prefix
        suffix = len(os.path.commonprefix([text[::-1], new_text[::-1]]))
        suffix = min(suffix, limit)
        self.apply(Edit(prefix, len(text) - suffix, new_text[prefix : len(new_text) - suffix], prefix))
        return True

    def accept_all(self) -> bool:
        return self._replace_all(critic.accept_all(self.editor.toPlainText()))

    def reject_all(self) -> bool:
        return self._replace_all(critic.reject_all(self.editor.toPlainText()))

    def add_comment(self, author: str, note: str, moment: datetime | None = None) -> None:
        """A signed comment on the selected words (or at the caret), placed after them."""
        text, start, end = self._selection()
        marks = critic.parse(text)
        if any(m.start < end and m.end > start for m in marks):
            inside = critic.mark_at(marks, start)
            start = end = inside.end if inside is not None else end
        markup = critic.comment_markup(author, note, moment or datetime.now(), text[start:end])
        self.apply(Edit(start, end, markup, start + len(markup)))
