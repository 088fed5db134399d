"""Code replacements as they are typed: ``=kv=`` turns into "Kyiv" the moment its closing ``=`` is typed.

The expansion itself is the core's (``photos.codes.expand_codes``); the
application layer expands again when it saves, so a pasted code is not
missed. Here only the text before the cursor is looked at, so the caret
stays where the typing goes on.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from workstation.photos.codes import DELIMITER, expand_codes


class CodeExpander(QObject):
    """Expands the library's codes in the text fields attached to it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._codes: dict[str, str] = {}

    def set_codes(self, codes: Mapping[str, str]) -> None:
        self._codes = dict(codes)

    def attach(self, widget: QLineEdit | QPlainTextEdit) -> None:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, w=widget: self._expand_line(w))
        else:
            widget.textChanged.connect(lambda w=widget: self._expand_plain(w))

    def _typed_code(self, before: str) -> tuple[int, str] | None:
        """Where the ``=code=`` just typed starts, and its text, when it is a known code."""
        if not self._codes or not before.endswith(DELIMITER):
            return None
        start = before.rfind(DELIMITER, 0, len(before) - 1)
        if start < 0:
            return None
        expanded = expand_codes(before[start:], self._codes)
        return (start, expanded) if expanded != before[start:] else None

    def _expand_line(self, line: QLineEdit) -> None:
        position = line.cursorPosition()
        text = line.text()
        found = self._typed_code(text[:position])
        if found is not None:
            start, expanded = found
            line.setText(text[:start] + expanded + text[position:])
            line.setCursorPosition(start + len(expanded))

    def _expand_plain(self, edit: QPlainTextEdit) -> None:
        cursor = edit.textCursor()
        position = cursor.position()
        found = self._typed_code(edit.toPlainText()[:position])
        if found is None:
            return
        start, expanded = found
        # One edit replacing the typed code, so a single Undo brings the code back.
        cursor.setPosition(start)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(expanded)
        edit.setTextCursor(cursor)
