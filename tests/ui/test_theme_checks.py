"""An unticked check box can be seen in either theme (Preferences' Privacy box vanished in the dark one)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton


def _contrast(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_edge_of_an_unticked_box_stands_out_from_the_window(qtbot, theme):
    from workstation.ui.theme import apply_theme

    app = QApplication.instance()
    try:
        apply_theme(app, theme)
        box = QCheckBox("Keep no caches outside the library")
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        window = app.palette().color(QPalette.ColorRole.Window)
        edge = [image.pixelColor(indicator.left(), y) for y in range(indicator.top() + 2, indicator.bottom() - 1)]
        assert max(_contrast(color, window) for color in edge) >= 40
    finally:
        apply_theme(app, "light")
