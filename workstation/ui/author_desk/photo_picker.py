"""Picking a library photo to crop into an avatar: a searchable grid of thumbnails.

The thumbnails are read in the thread pool so that opening the picker on a
library of 20,000 photos never freezes the desk.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.library.database import Library
from workstation.library.photo_queries import (
    PhotoFilter,
    photo_ids,
    photo_summaries,
    thumbnails,
)
from workstation.ui.workers import run_in_pool

# Enough to find a portrait by scrolling; the search narrows the rest.
SHOWN = 300
THUMB = 120
# About two lines under a thumbnail; the whole caption is in the tooltip.
LABEL_LIMIT = 48


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    """The caption cut at a word boundary with an ellipsis, so no word is shown half."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def _load(library: Library, query: str) -> list[tuple[int, str, bytes]]:
    with library.session() as session:
        ids = photo_ids(session, PhotoFilter(query=query))[:SHOWN]
        summaries = photo_summaries(session, ids)
        thumbs = thumbnails(session, ids)
    return [
        (pid, summaries[pid].caption or summaries[pid].filename, thumbs.get(pid, b""))
        for pid in ids
        if pid in summaries
    ]


class PhotoPicker(QDialog):
    """Choose one photo; ``photo_id()`` is the choice after ``exec()`` returns Accepted."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a photo from the library")
        self._library = library
        self._serial = 0
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search captions, credits and photographers")
        self.search.setClearButtonEnabled(True)
        self.grid = QListWidget(self)
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setGridSize(QSize(THUMB + 24, THUMB + 40))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setAccessibleName("Library photos")
        self.status = QLabel("Loading photos…", self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Crop this photo")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.grid.itemSelectionChanged.connect(
            lambda: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.grid.selectedItems()))
        )
        self.grid.itemDoubleClicked.connect(lambda _item: self.accept())
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.reload()

    def photo_id(self) -> int | None:
        items = self.grid.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def reload(self) -> None:
        self._serial += 1
        serial, query = self._serial, self.search.text()
        run_in_pool(lambda: _load(self._library, query), lambda rows: self._show(serial, rows), self._failed)

    def _show(self, serial: int, rows: list[tuple[int, str, bytes]]) -> None:
        if serial != self._serial:
            return
        self.grid.clear()
        for photo_id, label, thumb in rows:
            image = QImage.fromData(thumb) if thumb else QImage()
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon(), short_label(label))
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.UserRole, photo_id)
            self.grid.addItem(item)
        if rows:
            self.status.setText(
                f"{len(rows)} photo{'s' if len(rows) != 1 else ''}"
                + (" (first shown; search to narrow)" if len(rows) == SHOWN else "")
            )
        else:
            self.status.setText("No photos match." if self.search.text().strip() else "The library has no photos yet.")

    def _failed(self, error: BaseException) -> None:
        self.status.setText(f"Photos could not be listed: {error}")
