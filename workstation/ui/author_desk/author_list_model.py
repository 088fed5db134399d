"""The author desk's list as a model: avatars drawn for the rows shown, when they are shown.

A decade's newsroom has hundreds of authors. Drawing every one's avatar
(a picture, or initials rendered from SVG) when the list is read took most
of a second; the view asks only for the rows it paints, so this draws a
screenful and keeps what it drew until the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPixmap

from workstation.editing.authors import AuthorRow
from workstation.ui.author_desk.avatar_images import avatar_pixmap
from workstation.ui.row_list_model import RowListModel

AUTHOR_ID_ROLE = Qt.ItemDataRole.UserRole


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

    def set_rows(self, rows: list[AuthorRow]) -> None:
        """List ``rows``; avatars are drawn afresh (one may have changed)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}
        self._icons = {}
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
        if icon is None:
            picture = self._avatar_of(author.id) if author.has_avatar else None
            icon = self._icons[author.id] = avatar_pixmap(picture, author.name, self._icon_size)
        return icon
