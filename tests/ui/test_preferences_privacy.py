"""Preferences ▸ Privacy: "Keep no caches outside the library"."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.library.settings import load_settings
from workstation.publish.caches import keeps_no_outside_caches, library_cache_folder


@pytest.fixture
def preferences(qtbot, library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from workstation.ui.preferences import PreferencesDialog

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    with library.session() as session:
        site = load_settings(session)
    dialog = PreferencesDialog(library, site)
    qtbot.addWidget(dialog)
    return dialog


def test_the_privacy_box_is_off_for_a_new_library(preferences) -> None:  # type: ignore[no-untyped-def]
    assert not preferences.no_outside_caches.isChecked()


def test_ticking_it_is_saved_in_the_library_and_deletes_its_renditions(library, preferences) -> None:  # type: ignore[no-untyped-def]
    folder = library_cache_folder(library)
    assert folder is not None
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / "frame.jpg").write_bytes(b"jpeg")
    preferences.no_outside_caches.setChecked(True)
    preferences.accept()
    assert keeps_no_outside_caches(library)
    assert not folder.exists() and library_cache_folder(library) is None
