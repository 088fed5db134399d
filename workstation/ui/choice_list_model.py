"""The pickers' result lists as a model: every row made on the worker, pictures shown as they are painted.

A picker in a decade's archive lists hundreds of results. Their labels
(publication dates, trimmed captions) and decoded thumbnails are made by
the search job; the UI thread hands the finished list to the view in one
reset, and turns a thumbnail into a pixmap (which only the UI thread may
make) the first time its row is painted.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPixmap

from workstation.ui.row_list_model import RowListModel

VALUE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Choice:
    """One result: what choosing it returns, its label and tip, and its decoded thumbnail if it has one."""

    value: object
    text: str
    tip: str = ""
    image: QImage | None = None


class ChoiceListModel(RowListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Choice] = []
        self._pixmaps: dict[int, QPixmap] = {}

    def set_choices(self, choices: list[Choice]) -> None:
        self.beginResetModel()
        self._rows = list(choices)
        self._pixmaps = {}
        self.endResetModel()

    def value(self, row: int) -> object:
        return self._rows[row].value

    def text(self, row: int) -> str:
        return self._rows[row].text

    def row_data(self, number: int, choice: Choice, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.tip or None
        if role == VALUE_ROLE:
            return choice.value
        if role == Qt.ItemDataRole.DecorationRole and choice.image is not None:
            pixmap = self._pixmaps.get(number)
            if pixmap is None:
                pixmap = self._pixmaps[number] = QPixmap.fromImage(choice.image)
            return pixmap
        return None
