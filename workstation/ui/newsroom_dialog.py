"""File ▸ Open newsroom…: a newsroom's address, typed or chosen from the ones opened before."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from workstation.errors import WorkstationError
from workstation.library.database import is_newsroom_url, newsroom_address


class NewsroomDialog(QDialog):
    """Asks for a ``postgresql://`` URL or a service name; ``url()`` is the newsroom to open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from workstation.ui.main_window import recent_libraries

        super().__init__(parent)
        self.setWindowTitle("Open newsroom")
        intro = QLabel(
            "A newsroom is a shared library on a PostgreSQL server. Give its address, "
            "postgresql://USER@HOST/DATABASE, or the name of a service in your PostgreSQL service file. "
            "The password comes from your ~/.pgpass or the service file; Workstation never stores it."
        )
        intro.setWordWrap(True)
        self.address = QComboBox(editable=True)
        self.address.setObjectName("newsroomAddress")
        self.address.addItems([str(p) for p in recent_libraries(QSettings()) if is_newsroom_url(str(p))])
        self.address.setCurrentText("")
        self.address.lineEdit().setPlaceholderText("postgresql://olena@news.example.org/newsroom  or  newsroom")
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.address)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.address.editTextChanged.connect(lambda _text: self.problem.hide())
        self.resize(560, self.sizeHint().height())

    def url(self) -> str:
        return newsroom_address(self.address.currentText())

    def accept(self) -> None:
        try:
            self.url()
        except WorkstationError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
