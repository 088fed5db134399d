"""The pickers' result model: rows made on the worker, thumbnails turned into pixmaps when shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap

from workstation.ui.choice_list_model import VALUE_ROLE, Choice, ChoiceListModel


def _image() -> QImage:
    image = QImage(16, 12, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    return image


def test_each_row_shows_its_label_tip_and_thumbnail_and_returns_its_value(qtbot: Any) -> None:
    model = ChoiceListModel()
    model.set_choices([Choice(7, "Harbour cranes", "IMG_7.jpg", _image()), Choice("notes", "Notes · Draft")])
    first, second = model.index(0), model.index(1)
    assert (first.data(), first.data(Qt.ItemDataRole.ToolTipRole), first.data(VALUE_ROLE)) == ("Harbour cranes", "IMG_7.jpg", 7)
    picture = first.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QPixmap) and picture.size().width() == 16
    assert second.data(Qt.ItemDataRole.DecorationRole) is None and second.data(Qt.ItemDataRole.ToolTipRole) is None
    assert (model.value(1), model.text(1)) == ("notes", "Notes · Draft")


def test_a_new_answer_replaces_every_row(qtbot: Any) -> None:
    model = ChoiceListModel()
    model.set_choices([Choice(n, f"Photo {n}") for n in range(300)])
    model.set_choices([Choice(1, "Only one")])
    assert model.rowCount() == 1 and model.index(0).data() == "Only one"
