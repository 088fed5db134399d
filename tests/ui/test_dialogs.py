"""Preferences, and the export worker behind File > Export site."""

from __future__ import annotations

from pathlib import Path

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
        ("base_url", "https://", "names no host"),
        ("base_url", "https://news.example.org/\nDisallow: /", "no address may contain"),
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


def test_the_export_job_writes_the_site_and_reports_progress(qtbot, library, filled, tmp_path):
    from workstation.ui.export_dialog import export_site_job
    from workstation.ui.jobs import runner

    done, steps = [], []
    runner().start(
        export_site_job(library, tmp_path / "site", None), on_done=done.append, on_progress=steps.append
    )
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert steps
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_cancelled_export_says_so(qtbot, library, filled, tmp_path):
    from workstation.ui.export_dialog import export_site_job
    from workstation.ui.jobs import runner

    failed = []
    job = runner().start(export_site_job(library, tmp_path / "site", None), on_error=failed.append)
    job.cancel()
    qtbot.waitUntil(lambda: bool(failed), timeout=30_000)
    assert "cancel" in str(failed[0]).lower()


def test_the_suggested_export_folder_can_be_chosen_on_a_first_export(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from workstation.ui.export_dialog import choose_export_folder

    suggested = tmp_path / "Library-site"
    seen = []

    def choose(_parent, _title, start):
        seen.append(Path(start).is_dir())
        return start

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    assert choose_export_folder(None, suggested) == str(suggested)
    assert seen == [True] and suggested.is_dir()


def test_a_cancelled_folder_choice_leaves_no_empty_suggestion_behind(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from workstation.ui.export_dialog import choose_export_folder

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    assert choose_export_folder(None, tmp_path / "Library-site") == ""
    assert list(tmp_path.iterdir()) == []


def test_export_site_updates_its_dialogs_only_from_the_ui_thread(qtbot, library, filled, tmp_path, monkeypatch):
    import threading

    from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

    from workstation.ui import export_dialog

    window = QWidget()
    qtbot.addWidget(window)
    threads, answers = [], []
    set_label = QProgressDialog.setLabelText

    def record_label(dialog, text):
        threads.append(threading.current_thread())
        set_label(dialog, text)

    def answer(_parent, _title, text):
        threads.append(threading.current_thread())
        answers.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QProgressDialog, "setLabelText", record_label)
    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(export_dialog, "preflight_allows_export", lambda *_args: True)
    monkeypatch.setattr(export_dialog, "choose_export_folder", lambda *_args: str(tmp_path / "site"))
    with library.session() as session:
        site = load_settings(session)
    assert export_dialog.run_export(window, library, site) is not None
    qtbot.waitUntil(lambda: bool(answers), timeout=60_000)
    assert (tmp_path / "site" / "index.html").is_file()
    assert len(threads) > 1 and set(threads) == {threading.main_thread()}


def test_a_finished_export_says_in_one_line_what_it_did(qtbot, library, filled, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from workstation.ui import export_dialog

    window = QWidget()
    qtbot.addWidget(window)
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text: answers.append(text) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(export_dialog, "preflight_allows_export", lambda *_args: True)
    monkeypatch.setattr(export_dialog, "choose_export_folder", lambda *_args: str(tmp_path / "site"))
    with library.session() as session:
        site = load_settings(session)
    export_dialog.run_export(window, library, site)
    qtbot.waitUntil(lambda: bool(answers), timeout=60_000)
    summary, question = answers[0].split("\n\n")
    assert summary.startswith("1 article exported to ") and "written" in summary
    assert "\n" not in summary and "index.html" not in summary
    assert question == "Open the site in the browser?"


def test_a_failed_export_shows_its_reason_not_a_cancellation(qtbot, library, filled, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from workstation.ui import export_dialog

    window = QWidget()
    qtbot.addWidget(window)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("someone else's file")
    warnings, infos = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: infos.append(text))
    monkeypatch.setattr(export_dialog, "preflight_allows_export", lambda *_args: True)
    monkeypatch.setattr(export_dialog, "choose_export_folder", lambda *_args: str(occupied))
    with library.session() as session:
        site = load_settings(session)
    export_dialog.run_export(window, library, site)
    qtbot.waitUntil(lambda: bool(warnings or infos), timeout=60_000)
    assert infos == [] and "not empty" in warnings[0]


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
