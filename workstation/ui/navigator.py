"""The navigator: which desk is showing, and the list of articles with its filters."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.library.database import Library
from workstation.library.statuses import STATUSES
from workstation.ui.article_list_model import ArticleListModel
from workstation.ui.icons import icon
from workstation.ui.labels import STATUS_LABELS

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
        self.model = ArticleListModel(library, self)
        self.list = QListView()
        self.list.setObjectName("articleList")
        self.list.setModel(self.model)
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
        self.list.selectionModel().currentChanged.connect(self._chosen)
        self.model.listed.connect(self._listed)
        self.model.failed.connect(self._failed)
        self._selecting = False
        self._selected_id: int | None = None
        # What the listing under way selects once it is in, and where it scrolls to (None: the top).
        self._wanted: int | None = None
        self._place: int | None = None

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
        refresh for another desk's change must not pull it back to the
        selection); as many rows as were read are read again, so the place
        is still there.
        """
        self._wanted = next((i for i in (select_id, self.current_id(), self._selected_id) if i is not None), None)
        self._place = self.list.verticalScrollBar().value() if keep_place else None
        self.model.load(
            status=self.status.currentData(),
            section_id=self.section.currentData(),
            query=self.search.text().strip() or None,
            at_least=self.model.rowCount() if keep_place else 0,
        )

    def _listed(self) -> None:
        self._selecting = True
        row = self.model.row_of(self._wanted) if self._wanted is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self._selecting = False
        self.list.setUniformItemSizes(not self.model.has_holders())
        if self._place is None:
            self.list.scrollToTop()
        else:
            self.list.verticalScrollBar().setValue(self._place)
        total = self.model.total
        self.count.setText(f"{total:,} article{'' if total == 1 else 's'}")
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.count.setText(f"Search failed: {exc}")

    def update_item(self, article_id: int, headline: str, status: str, progress: tuple[int, int] = (0, 0)) -> None:
        self.model.update_article(article_id, headline, status, progress)

    def set_holders(self, holders: dict[int, str]) -> None:
        """Who else is editing which article: shown under its headline until they close it."""
        self.model.set_holders(holders)
        self.list.setUniformItemSizes(not self.model.has_holders())

    def set_holder(self, article_id: int, user: str | None) -> None:
        """``user`` is now editing ``article_id`` (None: nobody else is)."""
        self.model.set_holder(article_id, user)
        self.list.setUniformItemSizes(not self.model.has_holders())

    def holder(self, article_id: int) -> str | None:
        return self.model.holder(article_id)

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return None if not index.isValid() else self.model.article_id(index.row())

    def select(self, article_id: int) -> None:
        self._selected_id = article_id
        row = self.model.row_of(article_id)
        if row is not None:
            self._selecting = True
            self.list.setCurrentIndex(self.model.index(row))
            self._selecting = False

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            self.article_chosen.emit(self.model.article_id(current.row()))
