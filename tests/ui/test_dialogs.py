"""Preferences, and the export worker behind File > Export site."""

from __future__ import annotations

import pytest

from workstation.library.settings import load_settings


@pytest.fixture
def preferences(qtbot, library):
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        site = load_settings(session)
    dialog = PreferencesDialog(library, site)
    qtbot.addWidget(dialog)
    return dialog


def test_preferences_are_saved_in_the_library(library, preferences):
    preferences.site_name.setText("The Lowmere Ledger")
    preferences.base_url.setText("https://ledger.example.org/")
    preferences.words_per_minute.setValue(230)
    preferences.accept()
    with library.session() as session:
        saved = load_settings(session)
    assert (saved.site_name, saved.base_url, saved.words_per_minute) == (
        "The Lowmere Ledger",
        "https://ledger.example.org/",
        230,
    )


def test_the_credit_style_sample_shows_how_a_credit_prints(preferences):
    preferences.credit_style.setText("Photo: {creator} / {credit}")
    assert preferences.credit_sample.text() == "Prints as: Photo: Olena Koval / Agency via Distributor"


def test_the_credit_sample_sits_right_under_the_credit_style_in_a_tall_dialog(qtbot, preferences):
    preferences.resize(520, 900)
    preferences.show()
    qtbot.waitExposed(preferences)
    sample = preferences.credit_sample
    assert sample.height() == sample.sizeHint().height()
    gap = sample.geometry().top() - preferences.credit_style.geometry().bottom()
    assert gap < 3 * sample.sizeHint().height()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("base_url", "javascript:alert(1)", "http"),
        ("credit_style", "{photographer}", "credit style"),
        ("credit_style", "x" * 5000, "credit style"),
        ("site_name", "   ", "name"),
    ],
)
def test_bad_preferences_are_refused_and_nothing_is_saved(library, preferences, field, value, message):
    with library.session() as session:
        before = load_settings(session)
    getattr(preferences, field).setText(value)
    preferences.accept()
    assert message in preferences.error.text()
    assert preferences.result() == 0
    with library.session() as session:
        assert load_settings(session) == before


def test_the_export_worker_writes_the_site_and_reports_progress(qtbot, library, filled, tmp_path):
    from workstation.ui.export_dialog import ExportWorker

    worker = ExportWorker(library, tmp_path / "site", None)
    done, steps = [], []
    worker.finished.connect(done.append)
    worker.progress.connect(lambda *step: steps.append(step))
    worker.run()
    assert done and steps
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_cancelled_export_says_so(qtbot, library, filled, tmp_path):
    from workstation.ui.export_dialog import ExportWorker

    worker = ExportWorker(library, tmp_path / "site", None)
    failed = []
    worker.failed.connect(failed.append)
    worker.cancelled.set()
    worker.run()
    assert failed


def test_about_dialog_lists_qt_under_the_lgpl(qtbot) -> None:
    from workstation.ui.about_dialog import AboutDialog

    dialog = AboutDialog("/tmp/library.wslib")
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 2).text()
        for row in range(dialog.table.rowCount())
    }
    assert any("PySide6" in name and "LGPL" in licence for name, licence in rows.items())
    assert "Pillow" in rows and "SQLAlchemy" in rows
