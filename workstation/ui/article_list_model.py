"""The navigator's article list as a model: a page of rows at a time, read on a worker.

A decade's archive holds 100,000 articles. The list reads the first page
and the count on the runner; the view asks for more (``canFetchMore`` /
``fetchMore``) only when it is scrolled to the end of what it has, and the
next page is read from there (a keyset, ``editing.choices.article_page``).
The UI thread only inserts finished rows, and text is made for the rows a
view paints, when it paints them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from workstation.content.reading import target_progress
from workstation.library.database import Library
from workstation.ui.jobs import run_in_background
from workstation.ui.row_list_model import AnyIndex, RowListModel

if TYPE_CHECKING:
    from workstation.editing.choices import ArticleList, ArticleRow

# Rows read per query: several screens, so a fling of the wheel seldom waits for the next.
PAGE = 200
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole
MARKS = {"draft": "○", "editing": "◐", "ready": "●", "published": "✓", "scheduled": "◷"}

Filters = dict[str, object]


def row_text(row: ArticleRow) -> str:
    """The status mark before the headline; with a word target, the progress after it ("512/800")."""
    mark = MARKS.get("scheduled" if row.scheduled else row.status, "·")
    suffix = f"   {row.words:,}/{row.word_target:,}" if row.word_target else ""
    return f"{mark}  {row.headline or '(no headline yet)'}{suffix}"


def row_tip(row: ArticleRow) -> str:
    tip = f"{row.state_label} · changed {row.updated_at.astimezone():%d %b %H:%M}"
    return tip + f" · {target_progress(row.words, row.word_target)}" if row.word_target else tip


def _first_page(library: Library, filters: Filters, limit: int) -> ArticleList:
    # Imported on the worker: the ORM is not needed for the window's first frame.
    from workstation.editing.choices import article_list

    return article_list(library, limit=limit, **filters)  # type: ignore[arg-type]


def _next_page(library: Library, filters: Filters, after: ArticleRow) -> list[ArticleRow]:
    from workstation.editing.choices import article_page

    return article_page(library, after, limit=PAGE, **filters)  # type: ignore[arg-type]


class ArticleListModel(RowListModel):
    """Articles matching the navigator's filters, most recently changed first.

    ``listed`` is sent when a new listing's first rows are in (the view has
    been reset), ``failed`` with the error when its query failed.
    """

    listed = Signal()
    failed = Signal(object)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._rows: list[ArticleRow] = []
        self._row_of: dict[int, int] = {}
        self._total = 0
        self._filters: Filters = {}
        # A listing overtaken by newer typing is dropped, and so is a page read for it.
        self._generation = 0
        self._fetching = False
        # Who else is editing which article (a newsroom's presence), by article id.
        self._holders: dict[int, str] = {}

    # Reading

    def load(self, *, status: str | None, section_id: int | None, query: str | None, at_least: int = 0) -> None:
        """List anew with these filters: the first page (or ``at_least`` rows, to keep a scrolled place)."""
        self._generation += 1
        generation = self._generation
        self._filters = {"status": status, "section_id": section_id, "query": query}
        self._fetching = False
        library, filters, limit = self._library, self._filters, max(PAGE, at_least)
        run_in_background(
            lambda: _first_page(library, filters, limit),
            lambda result: self._listed(generation, result),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _listed(self, generation: int, result: ArticleList) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self.beginResetModel()
        self._rows = list(result.rows)
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}
        self._total = max(result.total, len(self._rows))
        self.endResetModel()
        self.listed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(exc)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 - Qt's name
        """Read the next page on the worker; its rows are appended when it answers."""
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._fetching = True
        generation, library, filters, after = self._generation, self._library, self._filters, self._rows[-1]
        run_in_background(
            lambda: _next_page(library, filters, after),
            lambda rows: self._appended(generation, rows),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _appended(self, generation: int, rows: list[ArticleRow]) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._fetching = False
        # An article changed meanwhile moved to the top: it is listed once, where it was.
        fresh = [row for row in rows if row.id not in self._row_of]
        if len(rows) < PAGE:
            self._total = len(self._rows) + len(fresh)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for number, row in enumerate(fresh, start=first):
            self._rows.append(row)
            self._row_of[row.id] = number
        self.endInsertRows()

    # What the list holds

    @property
    def total(self) -> int:
        """How many articles match the filters (the rows read so far are ``rowCount``)."""
        return self._total

    def article_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def text(self, article_id: int) -> str | None:
        """The text ``article_id``'s row shows (None while it is not listed)."""
        row = self._row_of.get(article_id)
        return None if row is None else self._display(self._rows[row])

    # Changes the list shows without a new query

    def update_article(self, article_id: int, headline: str, status: str, progress: tuple[int, int] = (0, 0)) -> None:
        """The open article was saved: its row shows the new headline, status and progress at once."""
        number = self._row_of.get(article_id)
        if number is not None:
            words, target = progress
            self._rows[number] = replace(self._rows[number], headline=headline, status=status, words=words, word_target=target)
            self._changed(number)

    def set_holders(self, holders: dict[int, str]) -> None:
        """Who else is editing which article: shown under its headline until they close it."""
        changed = set(self._holders) | set(holders)
        self._holders = dict(holders)
        for article_id in changed:
            self._changed(self._row_of.get(article_id))

    def set_holder(self, article_id: int, user: str | None) -> None:
        """``user`` is now editing ``article_id`` (None: nobody else is)."""
        if user is None:
            self._holders.pop(article_id, None)
        else:
            self._holders[article_id] = user
        self._changed(self._row_of.get(article_id))

    def holder(self, article_id: int) -> str | None:
        return self._holders.get(article_id)

    def has_holders(self) -> bool:
        return bool(self._holders)

    def _changed(self, number: int | None) -> None:
        if number is not None:
            index = self.index(number)
            self.dataChanged.emit(index, index)

    # Qt's side

    def row_data(self, number: int, row: ArticleRow, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row)
        if role == ARTICLE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            user = self._holders.get(row.id)
            return row_tip(row) if user is None else f"{row_tip(row)}\n✎ {user} is editing"
        return None

    def _display(self, row: ArticleRow) -> str:
        """The row's text, with "✎ Olena Marchenko is editing" beneath while someone else holds it."""
        user = self._holders.get(row.id)
        return row_text(row) if user is None else f"{row_text(row)}\n      ✎ {user} is editing"
