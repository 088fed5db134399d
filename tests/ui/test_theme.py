"""Light and dark palettes: what is disabled must look it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_disabled_field_has_the_window_colour_not_the_editable_white(qtbot, theme):
    from workstation.ui.theme import apply_theme

    app = QApplication.instance()
    try:
        apply_theme(app, theme)
        palette = app.palette()
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
        assert disabled == palette.color(QPalette.ColorRole.Window)
        assert disabled != palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    finally:
        apply_theme(app, "light")
