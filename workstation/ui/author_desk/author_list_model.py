"""The author desk's list as a model: avatars drawn for the rows shown, a few at a time.

A decade's newsroom has hundreds of authors. Drawing every one's avatar
(a picture, or initials rendered from SVG) when the list is read took most
of a second; the view asks only for the rows it paints, so this draws a
screenful and keeps what it drew until the list is read again. Even a
screenful drawn in the turn that first paints the list held the UI thread
for tens of milliseconds, so a row not drawn yet shows a blank square and
its avatar follows a few rows per turn of the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPixmap

from workstation.editing.authors import AuthorRow
from workstation.ui.author_desk.avatar_images import avatar_pixmap
from workstation.ui.row_list_model import RowListModel

AUTHOR_ID_ROLE = Qt.ItemDataRole.UserRole
# Avatars drawn per turn of the event loop: each is a picture decoded or initials rendered from SVG.
AVATARS_PER_TURN = 3


def _subtitle(row: AuthorRow) -> str:
    # The count first: in a narrow list a long role is what gets cut off.
    count = f"{row.article_count} article{'s' if row.article_count != 1 else ''}"
    return f"{count} · {row.role}" if row.role else count


class AuthorListModel(RowListModel):
    """One row per author listed; ``avatar_of(author_id)`` reads a stored avatar when its row is first shown."""

    def __init__(self, avatar_of: Callable[[int], bytes | None], icon_size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._avatar_of = avatar_of
        self._icon_size = icon_size
        self._rows: list[AuthorRow] = []
        self._row_of: dict[int, int] = {}
        self._icons: dict[int, QPixmap] = {}
        self._blank = QPixmap(icon_size, icon_size)
        self._blank.fill(Qt.GlobalColor.transparent)
        # Rows asked for and not drawn yet, in the order the view asked.
        self._wanted: dict[int, None] = {}
        self._drawing = QTimer(self, singleShot=True, interval=0)
        self._drawing.timeout.connect(self._draw_some)

    def set_rows(self, rows: list[AuthorRow]) -> None:
        """List ``rows``; avatars are drawn afresh (one may have changed)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}
        self._icons = {}
        self._wanted = {}
        self.endResetModel()

    def author_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, author_id: int) -> int | None:
        return self._row_of.get(author_id)

    def text(self, row: int) -> str:
        """What ``row`` shows: the name, and under it the article count and role."""
        author = self._rows[row]
        return f"{author.name}\n{_subtitle(author)}"

    def row_data(self, number: int, author: AuthorRow, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(number)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(author)
        if role == AUTHOR_ID_ROLE:
            return author.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{author.name} ({author.slug})\n{_subtitle(author)}"
        return None

    def _icon(self, author: AuthorRow) -> QPixmap:
        icon = self._icons.get(author.id)
        if icon is not None:
            return icon
        self._wanted[author.id] = None
        self._drawing.start()
        return self._blank

    def _draw_some(self) -> None:
        """Draw the next few avatars asked for, and have their rows painted again."""
        for author_id in list(self._wanted)[:AVATARS_PER_TURN]:
            del self._wanted[author_id]
            number = self._row_of.get(author_id)
            if number is None or author_id in self._icons:
                continue
            author = self._rows[number]
            picture = self._avatar_of(author_id) if author.has_avatar else None
            self._icons[author_id] = avatar_pixmap(picture, author.name, self._icon_size)
            index = self.index(number)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        if self._wanted:
            self._drawing.start()
