"""File ▸ Take offline… and the bring-back report: the dialogs over the application layer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workstation.editing.bring_back import CONFLICTED, MERGED, BringBackReport, Outcome
from workstation.ui.take_out_dialogs import BringBackReportDialog, TakeOutDialog


def test_ticked_articles_are_the_ones_taken_and_the_button_counts_them(qtbot, library, filled) -> None:  # type: ignore[no-untyped-def]
    dialog = TakeOutDialog(library)
    qtbot.addWidget(dialog)
    assert not dialog.take.isEnabled()
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.take.text() == "Take 2 offline" and dialog.take.isEnabled()
    chosen = {dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 1)}
    dialog.filter.setText("no article is called this")
    assert dialog.list.count() == 0 and dialog.chosen == chosen


def test_the_report_lists_each_article_with_its_outcome(qtbot) -> None:  # type: ignore[no-untyped-def]
    report = BringBackReport(
        Path("offline.wslib"), "postgresql://newsroom/db",
        (Outcome("river", MERGED, "offline and newsroom changes both kept"), Outcome("bridge", CONFLICTED, "body")),
    )
    dialog = BringBackReportDialog(report)
    qtbot.addWidget(dialog)
    rows = [dialog.table.topLevelItem(i) for i in range(dialog.table.topLevelItemCount())]
    assert [(row.text(0), row.text(1)) for row in rows] == [("river", MERGED), ("bridge", CONFLICTED)]
    assert "1 merged, 1 conflicted" in report.summary()
