"""The pickers' result lists as a model: every row made on the worker, pictures shown as they are painted.

A picker in a decade's archive lists hundreds of results. Their labels
(publication dates, trimmed captions) and decoded thumbnails are made by
the search job; the UI thread hands the finished list to the view in one
reset, and turns a thumbnail into a pixmap (which only the UI thread may
make) the first time its row is painted.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap

AnyIndex = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Choice:
    """One result: what choosing it returns, its label and tip, and its decoded thumbnail if it has one."""

    value: object
    text: str
    tip: str = ""
    image: QImage | None = None


class ChoiceListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._pixmaps: dict[int, QPixmap] = {}

    def set_choices(self, choices: list[Choice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self._pixmaps = {}
        self.endResetModel()

    def value(self, row: int) -> object:
        return self._choices[row].value

    def text(self, row: int) -> str:
        return self._choices[row].text

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._choices)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.tip or None
        if role == VALUE_ROLE:
            return choice.value
        if role == Qt.ItemDataRole.DecorationRole and choice.image is not None:
            pixmap = self._pixmaps.get(index.row())
            if pixmap is None:
                pixmap = self._pixmaps[index.row()] = QPixmap.fromImage(choice.image)
            return pixmap
        return None
