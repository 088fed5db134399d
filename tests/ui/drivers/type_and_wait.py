"""Runs the real app on a library, types into an article, and waits to be killed.

Used by the kill -9 test: ``python type_and_wait.py LIBRARY SLUG TEXT``.
Prints "typed" once the text is in the editor.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from workstation.ui.app import open_window, prepare_qt


def main() -> None:
    library, slug, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    prepare_qt()
    app = QApplication(sys.argv[:1])
    window = open_window(library, open_slug=slug)

    def type_when_open() -> None:
        if window.desk.article_id is None:
            QTimer.singleShot(50, type_when_open)
            return
        editor = window.desk.editor
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
        print("typed", flush=True)

    QTimer.singleShot(0, type_when_open)
    app.exec()


main()
