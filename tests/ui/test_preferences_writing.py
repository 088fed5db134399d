"""Preferences ▸ Writing and House style: languages by name, the page's font, house limits and rules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workstation.editing.settings import desk_settings, site_settings
from workstation.library.settings import DeskSettings, load_settings
from workstation.ui.typography import Typography, remember_typography, stored_typography


@pytest.fixture
def dialog(qtbot, library):
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        widget = PreferencesDialog(library, load_settings(session))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _language_rows(dialog) -> dict[str, str]:
    items = [dialog.languages.item(i) for i in range(dialog.languages.count())]
    return {item.data(Qt.ItemDataRole.UserRole): item.text() for item in items}


def test_spelling_languages_are_listed_by_name_and_saved_by_code(dialog, library):
    rows = _language_rows(dialog)
    assert rows["uk_UA"] == "Українська"
    assert "en_US" in rows and not rows["en_US"].startswith("en_")
    dialog.accept()
    assert site_settings(library).spell_languages.split(",") == sorted(
        ["en_US", "uk_UA"], key=lambda tag: rows[tag].casefold()
    )


def test_house_limits_and_rules_are_saved_to_the_library(dialog, library):
    dialog.headline_limit.setValue(80)
    dialog.dek_limit.setValue(160)
    dialog.house_style.setPlainText("substitutions:\n  Kiev: Kyiv\n")
    dialog.accept()
    assert desk_settings(library) == DeskSettings(80, 160, "substitutions:\n  Kiev: Kyiv\n")


def test_rules_that_cannot_be_read_are_refused_and_nothing_is_saved(dialog, library):
    dialog.site_name.setText("A new name")
    dialog.house_style.setPlainText("substitutions: [unclosed\n")
    dialog.accept()
    assert "house style: the rules are not valid YAML" in dialog.error.text()
    assert dialog.tabs.currentIndex() == 2
    assert site_settings(library).site_name != "A new name"
    assert desk_settings(library) == DeskSettings()


@pytest.fixture
def typography_restored():
    """This computer's typography goes back to the default after the test (later desks read it)."""
    yield
    remember_typography(Typography())


def test_the_body_font_and_typewriter_scrolling_are_remembered_on_this_computer(dialog, typography_restored):
    dialog.font_kind.setCurrentIndex(dialog.font_kind.findData("sans"))
    dialog.font_size.setValue(15.0)
    dialog.typewriter.setChecked(True)
    dialog.accept()
    chosen = stored_typography()
    assert (chosen.kind, chosen.size, chosen.typewriter) == ("sans", 15.0, True)
    assert chosen.family == dialog.font_family.currentFont().family()
