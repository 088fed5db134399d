"""The Budget desk: today's and tomorrow's stories as cards in columns by status.

Dragging a card to another column asks the application layer to move the
story (``editing.budget.move_story``, through the publishing workflow's
checks); the columns are then read again, so a refused move leaves the card
where it was and says why. Double-clicking a card opens the story.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QDateTime, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QDropEvent, QFont, QFontMetrics, QPainter, QPageLayout, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.budget import (
    COLUMN_LABELS,
    COLUMNS,
    UNSCHEDULED_DAYS,
    Budget,
    Card,
    Column,
    budget_lines,
    load_budget,
    move_story,
)
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.ui.labels import text_label

CARD_MIME = "application/x-workstation-article-id"
THUMB_WIDTH, THUMB_HEIGHT = 64, 44


class CardWidget(QFrame):
    def __init__(self, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetCard")
        self.card = card
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = text_label(card.headline or "(no headline yet)", bold=True)
        details = [part for part in (card.section, card.byline) if part]
        meta = text_label(" · ".join(details) or "No section or byline yet", hint=True)
        when = f"{card.scheduled.astimezone():%a %H:%M}" if card.scheduled else "No time set"
        self.words = text_label(f"{card.words_label} · {when}", hint=True)
        if card.target and card.words > card.target * 1.1:
            self.words.setProperty("error", True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(meta)
        text.addWidget(self.words)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addLayout(text, 1)
        if card.thumbnail:
            picture = QPixmap()
            picture.loadFromData(card.thumbnail)
            thumb = QLabel()
            thumb.setPixmap(
                picture.scaled(THUMB_WIDTH, THUMB_HEIGHT, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                               Qt.TransformationMode.SmoothTransformation).copy(0, 0, THUMB_WIDTH, THUMB_HEIGHT)
            )
            thumb.setFixedSize(THUMB_WIDTH, THUMB_HEIGHT)
            row.addWidget(thumb, 0, Qt.AlignmentFlag.AlignTop)
        self.setToolTip("Drag to another column to change its status; double-click to open")


class BudgetColumn(QListWidget):
    """One status's cards; a card dropped here from another column asks to move there."""

    card_dropped = Signal(int, str)
    card_opened = Signal(int)

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setObjectName("budgetColumn")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(3)
        self.itemDoubleClicked.connect(lambda item: self.card_opened.emit(item.data(Qt.ItemDataRole.UserRole)))

    def show_cards(self, cards: list[Card]) -> None:
        self.clear()
        for card in cards:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, card.article_id)
            widget = CardWidget(card)
            self.addItem(item)
            self.setItemWidget(item, widget)
            self._fit(item, widget)

    def card_ids(self) -> list[int]:
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if items:
            data.setData(CARD_MIME, QByteArray(str(items[0].data(Qt.ItemDataRole.UserRole)).encode()))
        return data

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CARD_MIME]

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CARD_MIME) and event.source() is not self:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Never move the item here: the desk asks for the move and shows the columns as they then are."""
        data = event.mimeData()
        if not data.hasFormat(CARD_MIME) or event.source() is self:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.card_dropped.emit(int(bytes(data.data(CARD_MIME)).decode()), self.column.value)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        for row in range(self.count()):
            item = self.item(row)
            widget = self.itemWidget(item)
            if widget is not None:
                self._fit(item, widget)

    def _fit(self, item: QListWidgetItem, widget: QWidget) -> None:
        """The card as wide as the column and as tall as its wrapped text."""
        width = max(self.viewport().width() - 2 * self.spacing() - 2, 160)
        height = widget.layout().totalHeightForWidth(width)
        widget.setFixedSize(width, height)
        item.setSizeHint(QSize(width, height))


class ScheduleDialog(QDialog):
    """When a story dropped on "Scheduled" should go out."""

    def __init__(self, headline: str, proposed: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Schedule")
        self.when = QDateTimeEdit(QDateTime(proposed))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Schedule")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = text_label(f"Publish “{headline or 'Untitled'}” at:")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.when)
        layout.addWidget(buttons)

    def chosen(self) -> datetime:
        return self.when.dateTime().toPython().astimezone()


class BudgetDesk(QWidget):
    open_article_requested = Signal(int)
    status_message = Signal(str)
    story_moved = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.budget: Budget | None = None
        # The first of the two days shown; None follows the calendar (today, whatever the date).
        self.day: date | None = None
        self.title = QLabel()
        self.title.setObjectName("deskTitle")
        big = self.title.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.title.setFont(big)
        self.section = QComboBox()
        self.person = QComboBox()
        for box, everyone in ((self.section, "All sections"), (self.person, "Everyone")):
            box.addItem(everyone, None)
            box.currentIndexChanged.connect(lambda _i: self.refresh())
            box.setMinimumContentsLength(14)
        self.earlier = QToolButton(text="◀")
        self.earlier.setToolTip("The day before")
        self.earlier.clicked.connect(lambda: self.show_day(self._first_day() - timedelta(days=1)))
        self.later = QToolButton(text="▶")
        self.later.setToolTip("The day after")
        self.later.clicked.connect(lambda: self.show_day(self._first_day() + timedelta(days=1)))
        self.today = QPushButton("Today")
        self.today.setToolTip("Today's and tomorrow's stories")
        self.today.clicked.connect(lambda: self.show_day(None))
        self.today.setEnabled(False)
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip("Print the budget as a one-page list")
        self.print_button.clicked.connect(self.print_dialog)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.earlier)
        bar.addWidget(self.later)
        bar.addWidget(self.title)
        bar.addWidget(self.today)
        bar.addStretch(1)
        bar.addWidget(QLabel("Section"))
        bar.addWidget(self.section)
        bar.addWidget(QLabel("Person"))
        bar.addWidget(self.person)
        bar.addWidget(self.print_button)

        self.columns: dict[Column, BudgetColumn] = {}
        self.headers: dict[Column, QLabel] = {}
        board = QHBoxLayout()
        board.setSpacing(8)
        for column in COLUMNS:
            header = QLabel()
            header.setObjectName("budgetHeader")
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            cards = BudgetColumn(column)
            cards.card_dropped.connect(self.move_card)
            cards.card_opened.connect(self.open_article_requested)
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(header)
            box.addWidget(cards, 1)
            board.addLayout(box, 1)
            self.columns[column] = cards
            self.headers[column] = header

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addLayout(board, 1)
        self.refresh()

    # -- showing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the budget again (quick: only two days' stories) and show it."""
        try:
            budget = load_budget(
                self.library, self.day, section_id=self.section.currentData(), author_id=self.person.currentData()
            )
        except WorkstationError as exc:
            self.message.setText(str(exc))
            return
        self.empty.setText(
            ""
            if budget.cards()
            else "No stories for these two days. A story is on the budget when its publication time falls on "
            f"one of them, or when it has no time yet and was worked on in the last {UNSCHEDULED_DAYS} days."
        )
        self.budget = budget
        self._fill_filter(self.section, budget.sections)
        self._fill_filter(self.person, budget.people)
        tomorrow = budget.day + timedelta(days=1)
        self.title.setText(f"Budget · {budget.day:%a %d %b} and {tomorrow:%a %d %b}")
        for column in COLUMNS:
            cards = budget.columns[column]
            self.headers[column].setText(f"{COLUMN_LABELS[column]}  {len(cards)}")
            self.columns[column].show_cards(cards)

    def show_day(self, day: date | None) -> None:
        """Show ``day`` and the day after (None: today and tomorrow)."""
        self.day = day
        self.today.setEnabled(day is not None)
        self.refresh()

    def _first_day(self) -> date:
        return self.budget.day if self.budget is not None else datetime.now().astimezone().date()

    @staticmethod
    def _fill_filter(box: QComboBox, choices: list[Any]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for choice in choices:
            box.addItem(choice.name, choice.id)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    # -- moving ------------------------------------------------------------------------

    def move_card(self, article_id: int, column: str, at: datetime | None = None) -> bool:
        """Move a story to ``column`` through the workflow; a refusal is shown and changes nothing."""
        target = Column(column)
        if target is Column.SCHEDULED and at is None:
            at = self._ask_schedule(article_id)
            if at is None:
                return False
        try:
            moved = move_story(self.library, article_id, target, at=at)
        except WorkstationError as exc:
            self.message.setText(str(exc))
            self.message.setProperty("error", True)
            self.status_message.emit(str(exc))
            self.refresh()
            return False
        self.story_moved.emit(article_id)
        self.message.setText(moved.message)
        self.message.setProperty("error", False)
        self.status_message.emit(moved.message)
        self.refresh()
        return True

    def _ask_schedule(self, article_id: int) -> datetime | None:
        card = next((c for c in self.budget.cards() if c.article_id == article_id), None) if self.budget else None
        now = datetime.now().astimezone()
        proposed = card.scheduled if card and card.scheduled and card.scheduled > now else None
        if proposed is None:
            proposed = datetime.combine(now.date() + timedelta(days=1), time(8, 0)).astimezone()
        dialog = ScheduleDialog(card.headline if card else "", proposed.astimezone(), self)
        return dialog.chosen() if dialog.exec() and shiboken6.isValid(self) else None

    # -- printing ----------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """The budget as a one-page list: the type gets smaller until every story fits on the page."""
        if self.budget is None:
            return
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        lines = budget_lines(self.budget)
        tomorrow = self.budget.day + timedelta(days=1)
        title = f"Budget · {self.budget.day:%A %d %B} and {tomorrow:%A %d %B %Y}"
        painter = QPainter(printer)
        try:
            page = printer.pageLayout().paintRectPixels(printer.resolution())
            area = QRectF(0, 0, page.width(), page.height())
            size = 11.0
            while size > 5 and self._height(painter, printer, title, lines, size, area.width()) > area.height():
                size -= 0.5
            self._paint(painter, printer, title, lines, size, area)
        finally:
            painter.end()

    @staticmethod
    def _fonts(size: float) -> tuple[QFont, QFont, QFont]:
        body = QFont()
        body.setPointSizeF(size)
        heading = QFont(body)
        heading.setBold(True)
        title = QFont(heading)
        title.setPointSizeF(size * 1.5)
        return title, heading, body

    def _height(self, painter: QPainter, printer: QPrinter, title: str, lines: list[tuple[str, list[str]]],
                size: float, width: float) -> float:
        return self._paint(painter, printer, title, lines, size, QRectF(0, 0, width, 1e9), draw=False)

    def _paint(self, painter: QPainter, printer: QPrinter, title: str, lines: list[tuple[str, list[str]]],
               size: float, area: QRectF, draw: bool = True) -> float:
        """Lay the list out in ``area`` (painting it with ``draw``); returns the height it takes."""
        title_font, heading_font, body_font = self._fonts(size)
        y = area.top()
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        # (text, font, space above and below in lines)
        items = [(title, title_font, 0.0, 0.4)]
        for heading, rows in lines:
            items.append((heading, heading_font, 0.6, 0.2))
            items += [(f"• {row}", body_font, 0.0, 0.15) for row in rows] or [("No stories", body_font, 0.0, 0.15)]
        for text, font, above, below in items:
            painter.setFont(font)
            metrics = QFontMetrics(font, printer)
            y += metrics.height() * above
            box = metrics.boundingRect(0, 0, int(area.width()), 100000, flags, text)
            if draw:
                painter.drawText(QRectF(area.left(), y, area.width(), box.height()), flags, text)
            y += box.height() + metrics.height() * below
        return y - area.top()
