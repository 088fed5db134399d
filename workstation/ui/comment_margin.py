"""The comment margin: each comment in the body as a card beside its paragraph, resolvable.

Cards follow the text as it scrolls; when two paragraphs' comments would
overlap, the lower card moves down. The margin hides itself while the body
has no comments, so it takes no width from the writing.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QPushButton, QTextEdit, QVBoxLayout, QWidget

from workstation.content.critic import Mark
from workstation.ui.labels import text_label
from workstation.ui.suggestions import Positions, Suggestions

MARGIN_WIDTH = 200
CARD_GAP = 6


class CommentCard(QFrame):
    def __init__(self, mark: Mark, suggestions: Suggestions, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("commentCard")
        self.mark = mark
        self.setFrameShape(QFrame.Shape.StyledPanel)
        who = text_label(mark.author or "Comment", bold=True)
        where = [_when(mark.when)] if mark.when else []
        if mark.old.strip():
            where.append(f"on “{_short(mark.old)}”")
        on = text_label(" · ".join(where), hint=True) if where else None
        self.note = text_label(mark.note.strip() or "(no text)")
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.setToolTip("Remove the comment and its highlight; the words stay")
        self.resolve_button.clicked.connect(lambda: suggestions.resolve(self.mark))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(who)
        if on is not None:
            layout.addWidget(on)
        layout.addWidget(self.note)
        layout.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignRight)


def _said(mark: Mark) -> tuple[str, str, str, str]:
    return mark.author, mark.when, mark.note, mark.old


def _when(stamp: str) -> str:
    """"2026-12-06 10:14" as "6 Dec 10:14"."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
    return f"{moment.day} {moment:%b %H:%M}"


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= 40 else words[:39] + "…"


class CommentMargin(QWidget):
    def __init__(self, editor: QTextEdit, suggestions: Suggestions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentMargin")
        self.editor = editor
        self.suggestions = suggestions
        self.cards: list[CommentCard] = []
        self.setFixedWidth(MARGIN_WIDTH)
        self.hide()
        suggestions.marks_changed.connect(self.show_marks)
        editor.verticalScrollBar().valueChanged.connect(lambda _value: self.place_cards())
        # Re-wrapping (a wider or narrower column) moves the paragraphs without scrolling.
        editor.document().documentLayout().documentSizeChanged.connect(lambda _size: self.place_cards())

    def show_marks(self, marks: list[Mark]) -> None:
        """Cards for the body's comments: kept (and only moved) while the comments are the same ones."""
        comments = [mark for mark in marks if not mark.is_suggestion]
        if [_said(c.mark) for c in self.cards] == [_said(m) for m in comments]:
            for card, mark in zip(self.cards, comments):
                card.mark = mark
            self.place_cards()
            return
        for card in self.cards:
            card.deleteLater()
        self.cards = [CommentCard(mark, self.suggestions, self) for mark in comments]
        self.setVisible(bool(self.cards))
        for card in self.cards:
            width = MARGIN_WIDTH - 12
            card.setFixedSize(width, card.layout().totalHeightForWidth(width))
            card.show()
        self.place_cards()

    def place_cards(self) -> None:
        """Each card level with its paragraph, pushed down past the card above."""
        if not self.cards:
            return
        positions = Positions(self.editor.toPlainText())
        layout = self.editor.document().documentLayout()
        scroll = self.editor.verticalScrollBar().value()
        # Where the editor's viewport starts inside this margin's coordinates.
        top = self.mapFromGlobal(self.editor.viewport().mapToGlobal(QPoint(0, 0))).y()
        lowest = 0
        for card in self.cards:
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(min(positions.qt(card.mark.start), self.editor.document().characterCount() - 1))
            block = cursor.block()
            y = int(layout.blockBoundingRect(block).top() - scroll) + top
            y = max(y, lowest)
            card.move(6, y)
            lowest = y + card.height() + CARD_GAP

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.place_cards()
