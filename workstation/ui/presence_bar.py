"""The bar above an article someone else holds: who, since when, and the button to take it over (or back)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class PresenceBridge(QObject):
    """Carries presence events from the listener's thread to the UI thread (a queued signal)."""

    heard = Signal(object)

    def deliver(self, event: object) -> None:
        """Called on the listener's thread: passes ``event`` on unless the window is already gone."""
        if shiboken6.isValid(self):
            self.heard.emit(event)


class PresenceBar(QFrame):
    """Says who holds the open article; ``take_over_requested`` when the person presses the button."""

    take_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceBar")
        self.text = QLabel()
        self.text.setObjectName("presenceText")
        self.text.setWordWrap(True)
        self.button = QPushButton("Take over")
        self.button.setObjectName("takeOver")
        self.button.clicked.connect(self.take_over_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_holder(self, text: str, button: str) -> None:
        self.text.setText(text)
        self.button.setText(button)
        self.show()
