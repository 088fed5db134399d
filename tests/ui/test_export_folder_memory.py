"""File ▸ Export site offers next time the folder the site went into, never one the export refused."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from workstation.library.settings import load_settings


def _export_into(qtbot, library, folder, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from workstation.ui import export_dialog

    window = QWidget()
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text: told.append(text) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(export_dialog, "preflight_allows_export", lambda *_args: True)
    monkeypatch.setattr(export_dialog, "choose_export_folder", lambda *_args: str(folder))
    with library.session() as session:
        site = load_settings(session)
    export_dialog.run_export(window, library, site)
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)


def test_a_refused_folder_is_not_offered_again(qtbot, library, filled, tmp_path, monkeypatch):
    good, foreign = tmp_path / "site", tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "chapter1.md").write_text("Mine.", encoding="utf-8")
    _export_into(qtbot, library, good, monkeypatch)
    assert QSettings().value("export/last_dir") == str(good)
    _export_into(qtbot, library, foreign, monkeypatch)
    assert (foreign / "chapter1.md").read_text(encoding="utf-8") == "Mine."
    assert QSettings().value("export/last_dir") == str(good)
