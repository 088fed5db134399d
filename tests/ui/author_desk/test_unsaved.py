"""The author desk asks about unsaved changes only when the form differs from the stored profile."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _select(desk, name: str) -> None:  # type: ignore[no-untyped-def]
    rows = [desk.author_model.text(row) for row in range(desk.author_model.rowCount())]
    desk.select_row(next(i for i, text in enumerate(rows) if text.startswith(name)))


def test_a_role_typed_and_typed_back_leaves_nothing_to_ask_about(desk, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    _select(desk, "Anna Moroz")
    role = desk.form.role_edit.lineEdit()
    role.selectAll()
    qtbot.keyClicks(role, "Editor")
    assert desk.saved_label.text() == "Unsaved changes"
    role.selectAll()
    qtbot.keyClicks(role, "Reporter")
    assert desk.saved_label.text() == ""
    _select(desk, "Ivan Petrenko")
    assert not asked and desk.form.name_edit.text() == "Ivan Petrenko"
