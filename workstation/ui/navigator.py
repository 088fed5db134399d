"""The navigator: which desk is showing, and the list of articles with its filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.content.reading import target_progress
from workstation.library.database import Library
from workstation.library.statuses import STATUSES
from workstation.ui.icons import icon
from workstation.ui.labels import STATUS_LABELS

if TYPE_CHECKING:
    from workstation.editing.choices import ArticleList

LIST_LIMIT = 500
DESKS = (("articles", "Articles"), ("photos", "Photos"), ("authors", "Authors"), ("budget", "Budget"))


class Navigator(QWidget):
    desk_chosen = Signal(str)
    article_chosen = Signal(int)
    new_article_requested = Signal()
    refreshed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.library = library
        self.desk_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        desks = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        desks.setContentsMargins(0, 0, 0, 0)
        desks.setSpacing(2)
        for key, label in DESKS:
            button = QToolButton(text=label, checkable=True)
            button.setIcon(icon(key))
            button.setIconSize(QSize(18, 18))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setSizePolicy(button.sizePolicy().Policy.Expanding, button.sizePolicy().Policy.Fixed)
            button.clicked.connect(lambda _c=False, key=key: self.desk_chosen.emit(key))
            group.addButton(button)
            desks.addWidget(button)
            self.desk_buttons[key] = button
        self.desk_buttons["articles"].setChecked(True)

        self.search = QLineEdit(placeholderText="Search articles")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.section = QComboBox()
        self.section.addItem("All sections", None)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status)
        filters.addWidget(self.section)
        self.list = QListWidget()
        self.list.setObjectName("articleList")
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.count = QLabel()
        self.count.setObjectName("hint")
        new = QToolButton(text="New article")
        new.setIcon(icon("new"))
        new.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        new.clicked.connect(self.new_article_requested)
        self.new_button = new
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(new)

        self.article_box = QWidget()
        box = QVBoxLayout(self.article_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addLayout(filters)
        box.addWidget(self.list, 1)
        box.addLayout(footer)

        self._desk_row = desks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(desks)
        layout.addWidget(self.article_box, 1)
        # Keeps the desk buttons at the top while the article list is hidden.
        layout.addStretch(0)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.section.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.currentItemChanged.connect(self._chosen)
        self._selecting = False
        self._generation = 0
        self._selected_id: int | None = None
        # Who else is editing which article (a newsroom's presence), by article id.
        self._holders: dict[int, str] = {}

    def set_desk(self, key: str) -> None:
        """Show the article list on the article desk; elsewhere, fold to a narrow rail of desk buttons.

        The photo grid and the author form need the width more than an empty
        column does.
        """
        self.desk_buttons[key].setChecked(True)
        articles = key == "articles"
        self.article_box.setVisible(articles)
        self._desk_row.setDirection(
            QBoxLayout.Direction.LeftToRight if articles else QBoxLayout.Direction.TopToBottom
        )

    @property
    def compact(self) -> bool:
        return not self.article_box.isVisibleTo(self)

    def set_desk_available(self, key: str, available: bool, why: str = "") -> None:
        button = self.desk_buttons[key]
        button.setEnabled(available)
        button.setToolTip("" if available else why)

    def set_sections(self, sections: list[tuple[int, str]]) -> None:
        current = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem("All sections", None)
        for section_id, name in sections:
            self.section.addItem(name, section_id)
        self.section.setCurrentIndex(max(self.section.findData(current), 0))
        self.section.blockSignals(False)

    def refresh(self, select_id: int | None = None, keep_place: bool = False) -> None:
        """Re-run the list's query in a worker; an answer overtaken by newer typing is dropped.

        ``keep_place``: the list stays scrolled where the reader left it (a
        refresh for another desk's change must not pull it back to the selection).
        """
        from workstation.ui.jobs import run_in_background

        self._generation += 1
        generation = self._generation
        wanted = next((i for i in (select_id, self.current_id(), self._selected_id) if i is not None), None)
        query = self.search.text().strip() or None
        status, section = self.status.currentData(), self.section.currentData()
        run_in_background(
            lambda: self._query(status, section, query),
            lambda result: self._fill(generation, wanted, result, keep_place),
            lambda exc: self._failed(generation, exc),
        )

    def _query(self, status: str | None, section: int | None, query: str | None) -> ArticleList:
        # Imported here, on the worker: the ORM is not needed for the window's first frame.
        from workstation.editing.choices import article_list

        return article_list(self.library, status=status, section_id=section, query=query, limit=LIST_LIMIT)

    def _fill(self, generation: int, wanted: int | None, result: ArticleList, keep_place: bool = False) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        place = self.list.verticalScrollBar().value()
        rows, total = result.rows, result.total
        self._selecting = True
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row.headline or "(no headline yet)")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            tip = f"{row.state_label} · changed {row.updated_at.astimezone():%d %b %H:%M}"
            if row.word_target:
                tip += f" · {target_progress(row.words, row.word_target)}"
            item.setToolTip(tip)
            self._decorate(item, "scheduled" if row.scheduled else row.status, (row.words, row.word_target))
            item.setData(Qt.ItemDataRole.UserRole + 1, item.text())
            item.setData(Qt.ItemDataRole.UserRole + 2, tip)
            self._show_holder(item)
            self.list.addItem(item)
            if row.id == wanted:
                self.list.setCurrentItem(item)
        self._selecting = False
        self.list.setUniformItemSizes(not self._holders)
        if keep_place:
            self.list.verticalScrollBar().setValue(place)
        shown = len(rows)
        self.count.setText(f"{total} articles" if shown == total else f"{shown} of {total} articles")
        self.refreshed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation and shiboken6.isValid(self):
            self.count.setText(f"Search failed: {exc}")

    @staticmethod
    def _decorate(item: QListWidgetItem, status: str, progress: tuple[int, int] = (0, 0)) -> None:
        """The status mark before the headline; with a word target, the progress after it ("512/800")."""
        marks = {"draft": "○", "editing": "◐", "ready": "●", "published": "✓", "scheduled": "◷"}
        words, target = progress
        suffix = f"   {words:,}/{target:,}" if target else ""
        item.setText(f"{marks.get(status, '·')}  {item.text()}{suffix}")

    def update_item(self, article_id: int, headline: str, status: str, progress: tuple[int, int] = (0, 0)) -> None:
        item = self._item(article_id)
        if item is not None:
            item.setText(headline or "(no headline yet)")
            self._decorate(item, status, progress)
            item.setData(Qt.ItemDataRole.UserRole + 1, item.text())
            self._show_holder(item)

    def _item(self, article_id: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == article_id:
                return item
        return None

    def set_holders(self, holders: dict[int, str]) -> None:
        """Who else is editing which article: shown under its headline until they close it."""
        self._holders = dict(holders)
        self.list.setUniformItemSizes(not self._holders)
        for row in range(self.list.count()):
            self._show_holder(self.list.item(row))

    def set_holder(self, article_id: int, user: str | None) -> None:
        """``user`` is now editing ``article_id`` (None: nobody else is)."""
        if user is None:
            self._holders.pop(article_id, None)
        else:
            self._holders[article_id] = user
        self.list.setUniformItemSizes(not self._holders)
        item = self._item(article_id)
        if item is not None:
            self._show_holder(item)

    def holder(self, article_id: int) -> str | None:
        return self._holders.get(article_id)

    def _show_holder(self, item: QListWidgetItem) -> None:
        """The item's own text and tip, with "Olena Marchenko is editing" beneath while someone else holds it."""
        text = item.data(Qt.ItemDataRole.UserRole + 1) or item.text()
        tip = item.data(Qt.ItemDataRole.UserRole + 2) or item.toolTip()
        user = self._holders.get(item.data(Qt.ItemDataRole.UserRole))
        editing = f"✎ {user} is editing"
        item.setText(text if user is None else f"{text}\n      {editing}")
        item.setToolTip(tip if user is None else f"{tip}\n{editing}")

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, article_id: int) -> None:
        self._selected_id = article_id
        self._selecting = True
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == article_id:
                self.list.setCurrentRow(row)
                break
        self._selecting = False

    def _chosen(self, item: Any, _previous: Any) -> None:
        if item is not None and not self._selecting:
            self.article_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
