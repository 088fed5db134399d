"""Find and replace over the body (Ctrl+F, Ctrl+H), with match case and whole words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QToolButton, QWidget


class FindReplaceBar(QWidget):
    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.find_field = QLineEdit(placeholderText="Find")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(placeholderText="Replace with")
        self.match_case = QCheckBox("Match case")
        self.whole_words = QCheckBox("Whole words")
        self.status = QLabel()
        self.status.setObjectName("hint")
        previous = QToolButton(text="↑")
        previous.setToolTip("Previous match (Shift+Enter)")
        following = QToolButton(text="↓")
        following.setToolTip("Next match (Enter)")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("All")
        self.replace_all_button.setToolTip("Replace every match (one Undo brings them back)")
        close = QToolButton(text="✕")
        close.setToolTip("Close (Esc)")
        close.setAutoRaise(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.find_field, 0, 0)
        grid.addWidget(previous, 0, 1)
        grid.addWidget(following, 0, 2)
        grid.addWidget(close, 0, 3)
        grid.addWidget(self.replace_field, 1, 0)
        grid.addWidget(self.replace_button, 1, 1, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        options = QHBoxLayout()
        options.addWidget(self.match_case)
        options.addWidget(self.whole_words)
        options.addStretch(1)
        options.addWidget(self.status)
        grid.addLayout(options, 2, 0, 1, 4)
        grid.setColumnStretch(0, 1)

        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field.returnPressed.connect(self.replace)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.find_field.textChanged.connect(lambda _t: self.status.clear())

    def open(self, with_replace: bool) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(with_replace)
        self.show()
        field = self.replace_field if with_replace and self.find_field.text() else self.find_field
        field.setFocus()
        field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
            return
        super().keyPressEvent(event)

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole_words.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool) -> bool:
        needle = self.find_field.text()
        if not needle:
            return False
        document = self.editor.document()
        found = document.find(needle, self.editor.textCursor(), self._flags(backward))
        if found.isNull():
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.status.setText("Not found")
            return False
        self.status.clear()
        self.editor.setTextCursor(found)
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.find_field.text()
        if self.match_case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace(self) -> None:
        """Replace the current match, then move to the next one."""
        if self.editor.isReadOnly():
            return
        if self.editor.textCursor().hasSelection() and self._selection_matches():
            self.editor.textCursor().insertText(self.replace_field.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undoable step; returns how many."""
        needle = self.find_field.text()
        if not needle or self.editor.isReadOnly():
            return 0
        document = self.editor.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        count = 0
        cursor = document.find(needle, QTextCursor(document), self._flags())
        while not cursor.isNull():
            cursor.insertText(self.replace_field.text())
            count += 1
            cursor = document.find(needle, cursor, self._flags())
        edit.endEditBlock()
        self.status.setText(f"Replaced {count}" if count else "Not found")
        return count
