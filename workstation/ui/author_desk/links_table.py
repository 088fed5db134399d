"""The social links of a profile: a label and an address per row, checked as typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.authors import field_problem

LABEL, URL = 0, 1
BAD = QColor("#fde2e1")


class LinksTable(QWidget):
    """Rows of (label, address); an address that is not http(s) with a host is marked at once."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Label", "Address (https://…)"])
        self.table.horizontalHeader().setSectionResizeMode(LABEL, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Social links")
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton("Add link", self)
        self.remove_button = QPushButton("Remove link", self)
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_links(self, links: list[dict[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for link in links:
            self._append(link.get("label", ""), link.get("url", ""))
        self.table.blockSignals(False)

    def links(self) -> list[dict[str, str]]:
        """Every row as typed; blank rows and bad addresses are for the core to drop or refuse."""
        rows = []
        for row in range(self.table.rowCount()):
            label, url = (self._text(row, column) for column in (LABEL, URL))
            if label.strip() or url.strip():
                rows.append({"label": label, "url": url})
        return rows

    def mark_row(self, number: int, message: str) -> None:
        """Highlight the ``number``-th non-blank row (1-based, as errors count them)."""
        filled = [
            row
            for row in range(self.table.rowCount())
            if self._text(row, LABEL).strip() or self._text(row, URL).strip()
        ]
        if 1 <= number <= len(filled):
            self._mark(filled[number - 1], message)

    def _append(self, label: str, url: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, LABEL, QTableWidgetItem(label))
        self.table.setItem(row, URL, QTableWidgetItem(url))
        self._check(row)
        return row

    def _add_row(self) -> None:
        row = self._append("", "")
        self.table.setCurrentCell(row, LABEL)
        self.table.editItem(self.table.item(row, LABEL))
        self.changed.emit()

    def _remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == URL:
            self._check(item.row())
        self.changed.emit()

    def _check(self, row: int) -> None:
        self._mark(row, field_problem("address", self._text(row, URL)) or "")

    def _mark(self, row: int, message: str) -> None:
        item = self.table.item(row, URL)
        if item is None:
            return
        self.table.blockSignals(True)
        item.setBackground(QBrush(BAD) if message else QBrush())
        item.setToolTip(message)
        self.table.blockSignals(False)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
