"""The Budget desk with real widgets: cards in columns, dragging through the checks, filters, printing."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtPrintSupport import QPrinter

from workstation.editing.budget import Column
from workstation.library.articles import find_or_create_section, new_article, set_bylines
from workstation.library.authors import create_author
from workstation.library.database import Library
from workstation.library.models import Article
from workstation.ui.budget_desk import CARD_MIME, BudgetDesk


@pytest.fixture
def stories(library: Library) -> dict[str, int]:
    now = datetime.now().astimezone()
    with library.transaction() as session:
        news = find_or_create_section(session, "News")
        sport = find_or_create_section(session, "Sport")
        olena = create_author(session, "Olena Marchenko", bio="Reporter.")
        taras = create_author(session, "Taras Bondar", bio="Reporter.")
        clean = new_article(session, "Flood defences hold")
        clean.body, clean.section_id, clean.status = "The river stayed below the wall.", news.id, "ready"
        set_bylines(session, clean, [olena])
        pending = new_article(session, "Council budget")
        pending.body, pending.section_id, pending.status = "Spending {++will ++}rise.", news.id, "editing"
        set_bylines(session, pending, [olena])
        match = new_article(session, "Derby tonight")
        match.body, match.section_id, match.status = "Kick-off at eight.", sport.id, "draft"
        match.published_at = now + timedelta(hours=3)
        set_bylines(session, match, [taras])
        session.flush()
        return {"clean": clean.id, "pending": pending.id, "match": match.id, "sport": sport.id, "taras": taras.id}


@pytest.fixture
def desk(qtbot: Any, library: Library, stories: dict[str, int]) -> BudgetDesk:
    widget = BudgetDesk(library)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def _drop(desk: BudgetDesk, article_id: int, column: Column) -> None:
    """A card dropped on a column, as a drag from another column delivers it."""
    data = QMimeData()
    data.setData(CARD_MIME, QByteArray(str(article_id).encode()))
    event = QDropEvent(QPointF(30, 30), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    desk.columns[column].dropEvent(event)


def test_cards_sit_in_the_column_of_their_status(desk: BudgetDesk, stories: dict[str, int]) -> None:
    assert desk.columns[Column.READY].card_ids() == [stories["clean"]]
    assert desk.columns[Column.EDITING].card_ids() == [stories["pending"]]
    assert desk.columns[Column.DRAFT].card_ids() == [stories["match"]]
    card = desk.columns[Column.DRAFT].itemWidget(desk.columns[Column.DRAFT].item(0))
    assert card.headline.text() == "Derby tonight"
    assert card.words.text().startswith("3 words · ")


def test_dropping_a_clean_story_on_published_publishes_it(desk: BudgetDesk, stories: dict[str, int], library: Library) -> None:
    _drop(desk, stories["clean"], Column.PUBLISHED)
    assert desk.columns[Column.PUBLISHED].card_ids() == [stories["clean"]]
    with library.session() as session:
        assert session.get(Article, stories["clean"]).status == "published"


def test_a_drop_the_checks_refuse_leaves_the_card_and_says_why(desk: BudgetDesk, stories: dict[str, int], library: Library) -> None:
    _drop(desk, stories["pending"], Column.PUBLISHED)
    assert desk.columns[Column.EDITING].card_ids() == [stories["pending"]]
    assert "1 suggestion not yet accepted or rejected" in desk.message.text()
    with library.session() as session:
        assert session.get(Article, stories["pending"]).status == "editing"


def test_a_real_drop_event_on_a_column_asks_for_the_move(qtbot: Any, desk: BudgetDesk, stories: dict[str, int]) -> None:
    with qtbot.waitSignal(desk.columns[Column.EDITING].card_dropped) as dropped:
        _drop(desk, stories["match"], Column.EDITING)
    assert dropped.args == [stories["match"], "editing"]
    assert desk.columns[Column.EDITING].card_ids() == [stories["match"], stories["pending"]]


def test_the_section_and_person_filters_narrow_the_board(desk: BudgetDesk, stories: dict[str, int]) -> None:
    desk.section.setCurrentIndex(desk.section.findData(stories["sport"]))
    assert [i for c in desk.columns.values() for i in c.card_ids()] == [stories["match"]]
    desk.section.setCurrentIndex(0)
    desk.person.setCurrentIndex(desk.person.findData(stories["taras"]))
    assert [i for c in desk.columns.values() for i in c.card_ids()] == [stories["match"]]


def test_the_budget_prints_as_a_one_page_list(desk: BudgetDesk, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "budget.pdf"))
    desk.print_to(printer)
    pdf = (tmp_path / "budget.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_a_long_budget_still_prints_on_one_page(qtbot: Any, library: Library, stories: dict[str, int], tmp_path: Path) -> None:
    with library.transaction() as session:
        for number in range(120):
            new_article(session, f"Story number {number} with a fairly long headline about the council")
    desk = BudgetDesk(library)
    qtbot.addWidget(desk)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "long.pdf"))
    desk.print_to(printer)
    assert len(re.findall(rb"/Type\s*/Page\b", (tmp_path / "long.pdf").read_bytes())) == 1


def test_a_story_moved_on_the_budget_is_not_moved_back_by_the_open_article(
    qtbot: Any, make_desk: Any, library: Library, stories: dict[str, int]
) -> None:
    desk = make_desk()
    desk.open_article(stories["match"])
    budget = BudgetDesk(library)
    qtbot.addWidget(budget)
    budget.story_moved.connect(desk.reload_article)
    _drop(budget, stories["match"], Column.READY)
    assert desk.panel.values()["status"] == "ready"
    desk.editor.insertPlainText("More. ")
    assert desk.save_now()
    with library.session() as session:
        assert session.get(Article, stories["match"]).status == "ready"
