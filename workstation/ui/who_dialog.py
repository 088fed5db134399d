"""Who are you? Asked once per newsroom: a name from its list of people, or one's own name added to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)


class WhoDialog(QDialog):
    """Choose a name from ``names`` or type a new one; ``chosen()`` is the name to work as."""

    def __init__(self, newsroom: str, names: list[str], suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is working?")
        intro = QLabel(
            f"You are opening the newsroom {newsroom}. Choose your name, or add it: "
            "colleagues see it beside the articles you edit, and your revisions carry it."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.names = QListWidget()
        self.names.setObjectName("people")
        self.names.addItems(names)
        self.new_name = QLineEdit(placeholderText="Or add your name, as colleagues know it")
        self.new_name.setClearButtonEnabled(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.new_name)
        layout.addWidget(self.buttons)
        self.names.currentTextChanged.connect(self._update)
        self.names.itemDoubleClicked.connect(lambda _item: self.accept())
        self.new_name.textChanged.connect(self._update)
        found = self.names.findItems(suggested, Qt.MatchFlag.MatchExactly)
        if found:
            self.names.setCurrentItem(found[0])
        elif suggested:
            self.new_name.setText(suggested)
        self.resize(440, 380)
        self._update()

    def chosen(self) -> str:
        typed = " ".join(self.new_name.text().split())
        if typed:
            return typed
        item = self.names.currentItem()
        return "" if item is None else item.text()

    def _update(self, *_args: object) -> None:
        if self.new_name.text().strip():
            self.names.clearSelection()
        name = self.chosen()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name))
        ok.setText(f"Work as {name}" if name else "Work as…")
