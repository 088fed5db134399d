"""The About dialog: what this is, and every third-party component it ships with.

PySide6 and Qt are LGPL: the bundle stays compliant only if a user can see
which versions shipped, under which licence, and where their source is, so
the list comes from the installed metadata rather than a hand-kept text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation import APP_NAME, __version__
from workstation.about import QT_COMPLIANCE, third_party_components
from workstation.resources import resource

COLUMNS = ("Component", "Version", "Licence", "Source")


class AboutDialog(QDialog):
    def __init__(self, library_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(QIcon(str(resource("icons", "workstation.svg"))))
        self.resize(720, 520)
        layout = QVBoxLayout(self)

        title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        summary = QLabel(
            "An offline editorial workstation: write in Markdown, see the published page as you type, "
            "caption and credit photos, keep author profiles, and export a static site. "
            "Free software under the GNU General Public License, version 3 or later."
        )
        summary.setWordWrap(True)
        where = QLabel(f"Library: {library_path}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(where)

        components = third_party_components()
        self.table = QTableWidget(len(components), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, component in enumerate(components):
            cells = (component.name, component.version, component.licence, component.url)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if component.note:
                    item.setToolTip(component.note)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(QLabel("<b>Third-party components</b>"))
        layout.addWidget(self.table, 1)

        compliance = QLabel(QT_COMPLIANCE)
        compliance.setWordWrap(True)
        compliance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(compliance)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
