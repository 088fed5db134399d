"""Preferences: the copyright notice and usage terms the ninjs export carries."""

from __future__ import annotations

import pytest

from workstation.library.database import Library, open_library
from workstation.library.settings import load_settings


@pytest.fixture
def preferences(qtbot, library: Library):  # type: ignore[no-untyped-def]
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        site = load_settings(session)
    dialog = PreferencesDialog(library, site)
    qtbot.addWidget(dialog)
    return dialog


def test_the_notice_and_terms_typed_are_saved_in_the_library(library: Library, preferences) -> None:  # type: ignore[no-untyped-def]
    preferences.copyright_notice.setText("  Copyright 2026\nRiver Post Ltd. ")
    preferences.usage_terms.setText("Partners may republish unchanged, with the byline.")
    preferences.accept()
    with open_library(library.path, readonly=True) as reopened, reopened.session() as session:
        stored = load_settings(session)
    assert stored.copyright_notice == "Copyright 2026 River Post Ltd."
    assert stored.usage_terms == "Partners may republish unchanged, with the byline."


def test_an_empty_notice_shows_what_the_export_writes_instead(preferences) -> None:  # type: ignore[no-untyped-def]
    assert preferences.copyright_notice.text() == ""
    assert preferences.copyright_notice.placeholderText().startswith("© ")
    assert preferences.copyright_notice.placeholderText().endswith("Workstation News")
