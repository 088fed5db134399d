"""The author list reads columns, draws avatars only for the rows it shows, and keeps the selection."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListView
from sqlalchemy import insert

from workstation.editing.authors import author_list, avatar
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, utcnow
from workstation.ui.author_desk.author_list_model import AuthorListModel


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def _many_authors(library: Library, count: int) -> None:
    now, picture = utcnow(), _png()
    with library.engine.begin() as connection:
        connection.execute(insert(Author), [
            {"id": 1000 + n, "slug": f"author-{n:03d}", "name": f"Author {n:03d}", "bio": "", "social_links": [],
             "avatar": picture, "avatar_mime": "image/png", "created_at": now, "updated_at": now}
            for n in range(count)
        ])


def test_avatars_are_read_and_drawn_only_for_the_rows_shown(qtbot: Any, library: Library) -> None:
    _many_authors(library, 120)
    read: list[int] = []

    def avatar_of(author_id: int) -> bytes | None:
        read.append(author_id)
        return avatar(library, author_id)

    model = AuthorListModel(avatar_of, 36)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setIconSize(QSize(36, 36))
    view.resize(260, 300)
    view.show()
    model.set_rows(author_list(library).rows)
    qtbot.waitUntil(lambda: bool(read))
    qtbot.wait(50)
    assert model.rowCount() == 120
    assert 0 < len(set(read)) < 30
    assert not model.index(0).data(1).isNull()


def test_the_list_counts_bylines_and_says_who_has_a_picture(library: Library, authors: dict[str, int]) -> None:
    _many_authors(library, 1)
    listed = {row.name: row for row in author_list(library).rows}
    assert (listed["Anna Moroz"].article_count, listed["Ivan Petrenko"].article_count) == (2, 1)
    assert not listed["Anna Moroz"].has_avatar and listed["Author 000"].has_avatar


def test_the_selection_survives_a_refresh_and_a_search_keeps_it_when_it_matches(desk: Any, authors: dict[str, int]) -> None:
    desk.select_author(authors["ivan"])
    desk.refresh()
    assert desk.author_model.author_id(desk.author_list.currentIndex().row()) == authors["ivan"]
    desk.search.setText("Petrenko")
    desk.refresh()
    assert desk.author_model.rowCount() == 1 and desk.author_list.currentIndex().row() == 0
    assert desk.count_label.text() == "1 of 2 authors match"


def test_a_return_visit_recounts_the_bylines(qtbot: Any, desk: Any, library: Library, authors: dict[str, int]) -> None:
    desk.hide()
    with library.transaction() as session:
        article = Article(slug="story-3", headline="Story 3", status="draft")
        session.add(article)
        session.flush()
        session.add(ArticleAuthor(article_id=article.id, author_id=authors["ivan"], position=0))
    desk.show()
    row = desk.author_model.row_of(authors["ivan"])
    assert desk.author_model.text(row) == "Ivan Petrenko\n2 articles · Photo editor"


def test_a_row_first_shows_a_blank_square_and_its_avatar_follows_a_few_rows_per_turn(qtbot: Any, library: Library) -> None:
    _many_authors(library, 12)
    model = AuthorListModel(lambda author_id: avatar(library, author_id), 36)
    model.set_rows(author_list(library).rows)
    first = [model.index(row).data(Qt.ItemDataRole.DecorationRole).toImage() for row in range(12)]
    assert all(image.pixelColor(18, 18).alpha() == 0 for image in first)
    redrawn: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: redrawn.append(top.row()))
    qtbot.waitUntil(lambda: len(redrawn) == 12)
    assert sorted(redrawn) == list(range(12))
    drawn = model.index(5).data(Qt.ItemDataRole.DecorationRole).toImage()
    assert drawn.pixelColor(18, 18).alpha() == 255
