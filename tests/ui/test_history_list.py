"""The revision list names each revision in full even where the panel is too narrow to show it."""

from __future__ import annotations

from datetime import datetime, timezone


def test_every_revision_carries_its_full_description_as_a_tooltip(qtbot):
    from workstation.ui.history import HistoryPanel

    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_revisions([(2, datetime(2026, 12, 6, 8, 55, tzinfo=timezone.utc), "restore", "", "")])
    item = panel.list.item(0)
    assert item.toolTip() == item.text()
    assert item.toolTip().endswith("— before a restore")
