"""The history panel: an article's revisions, a diff against the text now, and Restore."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.article_edit import REVISION_EVERY_S

REASON_LABELS = {
    "autosave": "while editing",
    "status": "status changed",
    "close": "closed",
    "import": "imported",
    "restore": "before a restore",
    "manual": "saved by hand",
    "original": "before the first edit",
    "publish": "published",
    "update": "published again (update)",
    "unpublish": "unpublished",
    "correction": "correction",
    "conflict": "kept from a conflict",
    "merge": "conflict resolved",
}


def describe(created_at: datetime, reason: str, note: str = "", by_user: str = "") -> str:
    """One line of the history list: when, who (in a newsroom), what kind; a decision's words follow its kind."""
    local = created_at.astimezone()
    words = f": {note}" if note else ""
    who = f" · {by_user}" if by_user else ""
    return f"{local:%d %b %Y, %H:%M:%S}{who} — {REASON_LABELS.get(reason, reason)}{words}"


class DiffView(QPlainTextEdit):
    """A read-only unified diff, removed lines red and added lines green."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self._added = QTextCharFormat()
        self._added.setBackground(QColor("#1f3d26" if dark else "#e3f4e1"))
        self._removed = QTextCharFormat()
        self._removed.setBackground(QColor("#4a2224" if dark else "#fbe3e3"))
        self._removed.setFontStrikeOut(False)
        self._context = QTextCharFormat()
        self._header = QTextCharFormat()
        self._header.setFontWeight(QFont.Weight.Bold)
        self._header.setForeground(QColor("#8a8f98"))

    def show_diff(self, old: str, new: str, old_label: str, new_label: str = "now") -> int:
        """Show how ``old`` differs from ``new``; returns the number of changed lines."""
        self.clear()
        cursor = QTextCursor(self.document())
        changed = 0
        lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), old_label, new_label, n=2, lineterm=""))
        if not lines:
            cursor.insertText("No difference: this revision is the text you have now.", self._header)
            return 0
        for line in lines[2:]:
            if line.startswith("@@"):
                cursor.insertText("⋯\n", self._header)
                continue
            if line.startswith("+"):
                fmt, changed = self._added, changed + 1
            elif line.startswith("-"):
                fmt, changed = self._removed, changed + 1
            else:
                fmt = self._context
            cursor.insertText(line + "\n", fmt)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        return changed


class HistoryPanel(QWidget):
    """Lists revisions; the desk fills it and acts on ``restore_requested``."""

    selected = Signal(int)
    restore_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("revisions")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.diff = DiffView()
        self.legend = QLabel("Red: only in the revision. Green: only in your text now.")
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        self.restore_button = QPushButton("Restore this revision")
        self.restore_button.setEnabled(False)
        self.restore_button.setToolTip("Replaces the text and fields; Undo (Ctrl+Z) brings all of yours back")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([160, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.restore_button)
        self.list.currentItemChanged.connect(self._current_changed)
        self.restore_button.clicked.connect(self._restore)

    def set_revisions(self, revisions: Sequence[tuple[int, datetime, str, str, str]]) -> None:
        """Replaces the list; clearing it must not select (and so load) a revision of the article left behind."""
        with QSignalBlocker(self.list):
            self.list.clear()
        self.diff.clear()
        for revision_id, created_at, reason, note, by_user in revisions:
            item = QListWidgetItem(describe(created_at, reason, note, by_user))
            item.setToolTip(item.text())  # the narrow list cuts off the reason, the part that tells revisions apart
            item.setData(Qt.ItemDataRole.UserRole, revision_id)
            self.list.addItem(item)
        if revisions:
            self.list.setCurrentRow(0)
        else:
            self.diff.setPlainText(
                f"No revisions yet. One is kept every {REVISION_EVERY_S / 60:g} minutes while you write, "
                "and whenever the status changes or the article is closed."
            )
            self.restore_button.setEnabled(False)

    def current_revision(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _current_changed(self) -> None:
        revision_id = self.current_revision()
        self.restore_button.setEnabled(revision_id is not None and self.isEnabled())
        if revision_id is not None:
            self.selected.emit(revision_id)

    def _restore(self) -> None:
        revision_id = self.current_revision()
        if revision_id is not None:
            self.restore_requested.emit(revision_id)
